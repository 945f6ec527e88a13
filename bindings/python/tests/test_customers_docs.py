"""Every public name of libforecast.customers is exported by the package and
documented, with an example for the functions and the two handle classes
(test_docs.py runs the examples of every module, these among them)."""
import libforecast as lf
from libforecast import customers


def test_public_names_are_exported_and_documented():
    for name in customers.__all__:
        obj = getattr(lf, name)
        assert obj is getattr(customers, name), name
        assert obj.__doc__ and len(obj.__doc__) > 40, name
        if name not in ("AhpResult", "CreditRating"):
            assert ">>>" in obj.__doc__, name
