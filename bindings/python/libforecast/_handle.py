"""Handle: the owner of one C object, freed exactly once.

A Python object that owns C memory derives from Handle: the memory is freed
by close(), by leaving a ``with`` block, or when the object is garbage
collected (weakref.finalize; also at interpreter exit), whichever comes
first; a second close() does nothing.  Using the object after close() raises
ClosedError rather than reading freed memory: every access goes through
_ptr(), which checks.
"""
import weakref

from .errors import ClosedError


class Handle:
    """Base of the classes owning a C pointer (freed by the given C function)."""

    def __init__(self, ptr, free):
        self.__ptr = ptr
        # the finalizer holds the pointer and the free function, never self
        self._finalizer = weakref.finalize(self, free, ptr)

    def _ptr(self):
        """The C pointer; ClosedError once the object is closed."""
        if not self._finalizer.alive:
            raise ClosedError(f"this {type(self).__name__} is closed: its C memory is freed")
        return self.__ptr

    @property
    def closed(self):
        """True once close() has freed the C memory."""
        return not self._finalizer.alive

    def close(self):
        """Free the C memory now (a second call does nothing)."""
        self._finalizer()

    def __enter__(self):
        self._ptr()
        return self

    def __exit__(self, *exc):
        self.close()
        return False
