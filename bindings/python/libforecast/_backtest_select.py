"""Selection: the outcome of lf_select, owning the lf_selection and, through
it, the chosen model and the cross-validation backtest.  Selection.model and
Selection.backtest are views: each keeps the selection alive, frees nothing
(lf_selection_free frees them, once) and is closed when the selection is."""
import ctypes

import numpy as np
import pandas as pd

from . import _c_backtest as C
from . import _inputs as I
from ._backtest_result import Backtest
from ._backtest_spec import candidate_names, select_dict
from ._handle import Handle
from ._lib import LIB
from ._model_spec import ModelSpec
from .errors import call
from .model import Model


def run_select(cands, spec, frame, cal, first, last):
    """lf_select -> a Selection (keeping the candidates, which
    lf_selection_write names, and the calendar, which its model predicts with)."""
    out = ctypes.POINTER(C.Selection)()
    call(LIB.lf_select, cands, len(cands), ctypes.byref(spec), frame._ptr(), cal._ptr(),
         first, last, ctypes.byref(out))
    return Selection(out, cands, cal)


class Selection(Handle):
    """The automatic choice among candidates (lf_selection): the scores, the
    chosen candidate, its model fitted on all the training days, and the
    cross-validation backtest the scores come from (None by AICc).

    Freed by close(), ``with`` or GC; .model and .backtest are views that
    keep it alive.  Made by select() and backtest_from_config().

    >>> import numpy as np, pandas as pd, libforecast as lf
    >>> days = pd.date_range("2024-01-01", periods=120)
    >>> df = pd.DataFrame({"energy_mwh": 100.0 + np.arange(120) % 7}, index=days)
    >>> sel = lf.select(df, {"mean": lf.ModelSpec(day_of_week=False),
    ...                      "week": lf.ModelSpec(kind="snaive")},
    ...                 metric="mae", cv={"origins": 2, "horizon": 7, "step": 7})
    >>> sel.chosen, sel.scores.round(2).tolist(), sel.model.info["name"]
    ('week', [1.72, 0.0], 'snaive(7)')
    >>> model = sel.model; sel.close()
    >>> model.closed                # the model was the selection's
    True
    """

    def __init__(self, ptr, candidates, calendar):
        super().__init__(ptr, LIB.lf_selection_free)
        self._candidates = candidates    # lf_selection_write reads their names
        self.calendar = calendar

    def _c(self):
        return self._ptr().contents

    def _series(self, field, name):
        c = self._c()
        values = np.ctypeslib.as_array(getattr(c, field), shape=(c.ncandidates,)).copy()
        return pd.Series(values, index=pd.Index(self.names, name="candidate"), name=name)

    @property
    def names(self):
        """The candidates' names, in order."""
        self._ptr()
        return candidate_names(self._candidates)

    @property
    def candidates(self):
        """{name: ModelSpec} (copies)."""
        self._ptr()
        return {n: ModelSpec._from_c(c.spec) for n, c in zip(self.names, self._candidates)}

    @property
    def chosen(self):
        """The chosen candidate's name: the lowest score (ties: the earlier)."""
        return self.names[self._c().chosen]

    @property
    def scores(self):
        """The criterion by candidate (the pooled daily CV metric, or the
        AICc); NaN for a candidate that is out (failed at an origin)."""
        return self._series("score", "score")

    @property
    def aicc(self):
        """The AICc of each candidate fitted on all training days (NaN when
        selecting by CV, which does not compute it)."""
        return self._series("aicc", "aicc")

    @property
    def spec(self):
        """{"by", "metric", "cv": the CV backtest's settings}."""
        return select_dict(self._c().spec)

    @property
    def model(self):
        """The chosen candidate fitted on all training days: a Model (a view
        of the selection's; keeps the selection alive)."""
        return Model.view(self._c().model, self, self.calendar)

    @property
    def backtest(self):
        """The cross-validation Backtest (a view), or None when by AICc."""
        c = self._c()
        return Backtest._view(c.cv, self) if c.cv else None

    def to_csv(self, path):
        """selection.csv (lf_selection_write): candidate, score, aicc, chosen, note."""
        call(LIB.lf_selection_write, self._ptr(), self._candidates, I.c_path(path))

    def __repr__(self):
        if self.closed:
            return "<Selection (closed)>"
        s = self.spec
        how = "AICc" if s["by"] == "aicc" else f"CV {s['metric']}"
        return f"<Selection by {how} of {', '.join(self.names)}: {self.chosen}>"
