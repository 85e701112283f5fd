# The Python side of gilbench's concurrent.interpreters (CPython 3.14's API, a subset).
# Run inside the builtin module; the _-prefixed natives come from interpreters.rs / xi_queue.rs.

class InterpreterError(Exception):
    """A cross-interpreter operation failed."""

class InterpreterNotFoundError(InterpreterError):
    """An interpreter was not found."""

class NotShareableError(TypeError):
    """The object cannot be shared with (copied to) another interpreter."""

class _TypeInfo:
    _xi_shareable = True
    def __init__(self, name, qualname, module):
        self.__name__ = name
        self.__qualname__ = qualname
        self.__module__ = module
    def __repr__(self):
        return f'namespace(__name__={self.__name__!r}, __qualname__={self.__qualname__!r}, __module__={self.__module__!r})'

class _ExcInfo:
    _xi_shareable = True
    def __init__(self, type, msg, formatted, errdisplay):
        self.type = type
        self.msg = msg
        self.formatted = formatted
        self.errdisplay = errdisplay
    def __repr__(self):
        return f'ExceptionSnapshot(type={self.type!r}, msg={self.msg!r}, formatted={self.formatted!r})'

class ExecutionFailed(InterpreterError):
    """An unhandled exception happened during execution.

    This is raised from Interpreter.exec() and Interpreter.call().
    """
    def __init__(self, excinfo):
        msg = excinfo.formatted
        if not msg:
            if excinfo.type and excinfo.msg:
                msg = f'{excinfo.type.__name__}: {excinfo.msg}'
            else:
                msg = excinfo.type.__name__ or excinfo.msg
        super().__init__(msg)
        self.excinfo = excinfo
    def __str__(self):
        formatted = self.excinfo.errdisplay
        if not formatted:
            return super().__str__()
        return f'{super().__str__()}\n\nUncaught in the interpreter:\n\n{formatted.rstrip()}'

def _make_failed(name, qualname, module, msg, formatted, errdisplay):
    return ExecutionFailed(_ExcInfo(_TypeInfo(name, qualname, module), msg, formatted, errdisplay))

class QueueError(RuntimeError):
    """Indicates that a queue-related error happened."""

class QueueEmpty(QueueError):
    """Raised from get_nowait() when the queue is empty.

    It is also raised from get() if it times out.
    """

class QueueFull(QueueError):
    """Raised from put_nowait() when the queue is full.

    It is also raised from put() if it times out.
    """

class _CallThread:
    """What Interpreter.call_in_thread() returns: a stand-in for threading.Thread.

    The call is already running (queued on the interpreter's own thread); join() waits for it
    and is_alive() tells whether it has finished. An uncaught exception is printed the way
    threading prints one ("Exception in thread ...").
    """
    def __init__(self, handle, name):
        self._handle = handle
        self.name = name
        self.daemon = False
    def start(self):
        pass
    def join(self, timeout=None):
        _join(self._handle, timeout)
    def is_alive(self):
        return not _join(self._handle, 0)
    def __repr__(self):
        state = 'started' if self.is_alive() else 'stopped'
        return f'<_CallThread({self.name}, {state})>'

class Interpreter:
    """A single Python interpreter (an actor on its own OS thread)."""
    _xi_shareable = True
    def __init__(self, id):
        if not isinstance(id, int):
            raise TypeError(f'id must be an int, got {id!r}')
        self._id = id
    def __repr__(self):
        return f'{type(self).__name__}({self._id})'
    def __eq__(self, other):
        return isinstance(other, Interpreter) and other._id == self._id
    def __hash__(self):
        return hash(self._id)
    @property
    def id(self):
        return self._id
    @property
    def whence(self):
        return 'runtime init' if self._id == 0 else 'stdlib'
    def is_running(self):
        """Return whether or not the identified interpreter is running."""
        return _is_running(self._id)
    def close(self):
        """Finalize and destroy the interpreter."""
        _close(self._id)
    def prepare_main(self, ns=None, /, **kwargs):
        """Bind the given values into the interpreter's __main__ (copied)."""
        if ns is not None:
            merged = dict(ns)
            merged.update(kwargs)
            kwargs = merged
        _prepare_main(self._id, kwargs)
    def exec(self, code, /):
        """Run the given source code in the interpreter's __main__ (in this thread)."""
        _exec(self._id, code)
    def call(self, callable, /, *args, **kwargs):
        """Call the object in the interpreter with the given arguments; return its result."""
        return _call(self._id, callable, args, kwargs)
    def call_in_thread(self, callable, /, *args, **kwargs):
        """Like call(), but without waiting: returns a thread-like handle with join()."""
        handle, name = _call_in_thread(self._id, callable, args, kwargs)
        return _CallThread(handle, name)

def create():
    """Return a new (idle) Python interpreter."""
    return Interpreter(_create())

def list_all():
    """Return all existing interpreters."""
    return [Interpreter(i) for i in _list_all()]

def get_current():
    """Return the currently running interpreter."""
    return Interpreter(_current())

def get_main():
    """Return the main interpreter."""
    return Interpreter(0)

def is_shareable(obj):
    """Return True if the object can be sent to another interpreter (copied)."""
    try:
        _check_shareable(obj)
    except TypeError:
        return False
    return True

class Queue:
    """A cross-interpreter queue: every interpreter holding it sees the same channel."""
    _xi_shareable = True
    def __init__(self, id):
        self._id = id
    def __repr__(self):
        return f'{type(self).__name__}({self._id})'
    def __eq__(self, other):
        return isinstance(other, Queue) and other._id == self._id
    def __hash__(self):
        return hash(self._id)
    @property
    def id(self):
        return self._id
    @property
    def maxsize(self):
        return _queue_maxsize(self._id)
    def empty(self):
        return _queue_size(self._id) == 0
    def full(self):
        m = _queue_maxsize(self._id)
        return m > 0 and _queue_size(self._id) >= m
    def qsize(self):
        return _queue_size(self._id)
    def put(self, obj, block=True, timeout=None, *, unbounditems=None):
        """Add the object to the queue (a copy of it travels)."""
        _queue_put(self._id, obj, block, timeout)
    def put_nowait(self, obj, *, unbounditems=None):
        _queue_put(self._id, obj, False, None)
    def get(self, block=True, timeout=None):
        """Return the next object from the queue (QueueEmpty on timeout)."""
        return _queue_get(self._id, block, timeout)
    def get_nowait(self):
        return _queue_get(self._id, False, None)

def create_queue(maxsize=0, *, unbounditems=None):
    """Return a new cross-interpreter queue (maxsize <= 0: unbounded)."""
    return Queue(_queue_create(maxsize))
