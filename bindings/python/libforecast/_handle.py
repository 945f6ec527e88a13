"""Handle: the owner of one C object, freed exactly once — or a view of C
memory another Handle owns.

A Python object that owns C memory derives from Handle: the memory is freed
by close(), by leaving a ``with`` block, or when the object is garbage
collected (weakref.finalize; also at interpreter exit), whichever comes
first; a second close() does nothing.  Using the object after close() raises
ClosedError rather than reading freed memory: every access goes through
_ptr(), which checks.

A view (Handle.view(ptr, owner): a Project's frame, a Selection's model)
points into memory its owner frees: it keeps the owner alive, frees nothing
itself, and is closed once the owner is.  keep_alive(objects) is the "free"
of a handle over Python memory (a Frame over a DataFrame's columns): it only
drops the references.
"""
import weakref

from .errors import ClosedError


def keep_alive(objects):
    """A free function that releases nothing but the references in the list
    objects (a mutable list: the finalizer holds it until close)."""
    def release(_ptr):
        objects.clear()
    return release


class Handle:
    """Base of the classes owning a C pointer (freed by the given C function),
    or viewing one an owner frees (owner given)."""

    def __init__(self, ptr, free, owner=None):
        self.__ptr = ptr
        self._owner = owner
        # the finalizer holds the pointer and the free function, never self
        self._finalizer = weakref.finalize(self, free, ptr)

    @classmethod
    def view(cls, ptr, owner, *args, **kwargs):
        """An instance over memory owner frees (see the module's doc); extra
        arguments go to _init_view for the subclass's own fields."""
        self = cls.__new__(cls)
        Handle.__init__(self, ptr, keep_alive([owner]), owner)
        self._init_view(*args, **kwargs)
        return self

    def _init_view(self):
        """Set a view's own fields (a subclass with fields overrides it)."""

    def _ptr(self):
        """The C pointer; ClosedError once this or its owner is closed."""
        if not self._finalizer.alive:
            raise ClosedError(f"this {type(self).__name__} is closed: its C memory is freed")
        if self._owner is not None and self._owner.closed:
            raise ClosedError(f"this {type(self).__name__} is a view of a "
                              f"{type(self._owner).__name__} that is closed: its C memory "
                              "is freed")
        return self.__ptr

    @property
    def closed(self):
        """True once close() (or the owner's close()) has freed the C memory."""
        return not self._finalizer.alive or (self._owner is not None and self._owner.closed)

    def close(self):
        """Free the C memory now (a second call does nothing; a view frees
        nothing but its hold on the owner)."""
        self._finalizer()

    def __enter__(self):
        self._ptr()
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Run:
    """The results of one config-driven run (forecast_from_config,
    backtest_from_config): its parts as attributes; close() or the end of a
    ``with`` block closes those named in CLOSES (None ones skipped)."""

    CLOSES = ()

    def __init__(self, **parts):
        self.__dict__.update(parts)

    def close(self):
        for name in self.CLOSES:
            part = getattr(self, name)
            if part is not None:
                part.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
