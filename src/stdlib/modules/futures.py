# The Python side of gilbench's concurrent.futures (CPython's API, a subset).
# Run inside the builtin module; the _-prefixed natives come from futures.rs.
import sys as _sys
import time as _time

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

class Error(Exception):
    """Base class for all future-related exceptions."""

class CancelledError(Error):
    """The Future was cancelled."""

TimeoutError = TimeoutError

class InvalidStateError(Error):
    """The operation is not allowed in this state."""

class BrokenExecutor(RuntimeError):
    """Raised when a executor has become non-functional after a severe failure."""

class Future:
    """Represents the result of an asynchronous computation."""
    def __init__(self):
        self._slot = _new_slot()
        self._state = 'PENDING'
        self._result = None
        self._exception = None
        self._done_callbacks = []

    def __del__(self):
        _drop_slot(self._slot)

    def __repr__(self):
        if self._settle(0):
            if self._state == 'CANCELLED':
                return f'<Future at {hex(id(self))} state=cancelled>'
            if self._exception is not None:
                return f'<Future at {hex(id(self))} state=finished raised {type(self._exception).__name__}>'
            return f'<Future at {hex(id(self))} state=finished returned {type(self._result).__name__}>'
        state = 'running' if self.running() else 'pending'
        return f'<Future at {hex(id(self))} state={state}>'

    def _settle(self, timeout):
        # Bring the Python-side state up to date, waiting up to `timeout`; True once done.
        if self._state == 'FINISHED' or self._state == 'CANCELLED':
            return True
        r = _wait(self._slot, timeout)
        if type(r) is tuple:
            if self._state == 'PENDING':
                if r[0]:
                    self._result = r[1]
                else:
                    self._exception = r[1]
                self._state = 'FINISHED'
                self._invoke_callbacks()
            return True
        if r == 'CANCELLED':
            if self._state == 'PENDING':
                self._state = 'CANCELLED'
                self._invoke_callbacks()
            return True
        return r == 'FINISHED'

    def _invoke_callbacks(self):
        callbacks = self._done_callbacks
        while callbacks:
            try:
                fn = callbacks.pop(0)
            except IndexError:
                break
            try:
                fn(self)
            except Exception as e:
                _sys.stderr.write(f'exception calling callback for {self!r}: {type(e).__name__}: {e}\n')

    def cancel(self):
        """Cancel the future if possible; True if it is (now) cancelled."""
        if self._state == 'CANCELLED':
            return True
        if self._state == 'FINISHED':
            return False
        if _cancel(self._slot):
            self._state = 'CANCELLED'
            self._invoke_callbacks()
            return True
        self._settle(0)
        return self._state == 'CANCELLED'

    def cancelled(self):
        self._settle(0)
        return self._state == 'CANCELLED'

    def running(self):
        return self._state == 'PENDING' and _wait(self._slot, 0) == 'RUNNING'

    def done(self):
        return self._settle(0)

    def add_done_callback(self, fn):
        self._done_callbacks.append(fn)
        if self._settle(0):
            self._invoke_callbacks()

    def result(self, timeout=None):
        if not self._settle(timeout):
            raise TimeoutError()
        if self._state == 'CANCELLED':
            raise CancelledError()
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        if not self._settle(timeout):
            raise TimeoutError()
        if self._state == 'CANCELLED':
            raise CancelledError()
        return self._exception

    def set_running_or_notify_cancel(self):
        if self._state == 'CANCELLED':
            return False
        return True

    def set_result(self, result):
        if self._state == 'CANCELLED' or self._state == 'FINISHED':
            raise InvalidStateError(f'{self._state}: {self!r}')
        self._result = result
        self._state = 'FINISHED'
        _finish_local(self._slot)
        self._invoke_callbacks()

    def set_exception(self, exception):
        if self._state == 'CANCELLED' or self._state == 'FINISHED':
            raise InvalidStateError(f'{self._state}: {self!r}')
        self._exception = exception
        self._state = 'FINISHED'
        _finish_local(self._slot)
        self._invoke_callbacks()

class Executor:
    """This is an abstract base class for concrete asynchronous executors."""
    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + _time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]
        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield fs.pop().result()
                    else:
                        yield fs.pop().result(end_time - _time.monotonic())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False

class _PoolExecutor(Executor):
    _kind = 0
    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, _cpu_count() + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None:
            if not callable(initializer):
                raise TypeError("initializer must be a callable")
            raise NotImplementedError("initializer is not supported by gilbench's executors")
        self._max_workers = max_workers
        self._shutdown = False
        self._pool = _pool_new(max_workers, self._kind, thread_name_prefix)

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        f = Future()
        _submit(self._pool, f, fn, args, kwargs)
        return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        _pool_shutdown(self._pool, wait, cancel_futures)

class ThreadPoolExecutor(_PoolExecutor):
    """Runs calls on a pool of threads of this interpreter."""
    _kind = 0

class InterpreterPoolExecutor(_PoolExecutor):
    """Runs calls on a pool of threads, each with its own interpreter (arguments and
    results are copied between interpreters)."""
    _kind = 1

class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done
    def __iter__(self):
        return iter((self.done, self.not_done))
    def __getitem__(self, i):
        return (self.done, self.not_done)[i]
    def __len__(self):
        return 2
    def __repr__(self):
        return f'DoneAndNotDoneFutures(done={self.done!r}, not_done={self.not_done!r})'

def _deadline(timeout):
    return None if timeout is None else _time.monotonic() + timeout

def _remaining(deadline):
    return None if deadline is None else max(0.0, deadline - _time.monotonic())

def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures in fs to complete; returns (done, not_done) sets."""
    fs = set(fs)
    done = set()
    for f in fs:
        if f._settle(0):
            done.add(f)
    not_done = fs - done
    deadline = _deadline(timeout)
    while not_done:
        if return_when == FIRST_COMPLETED and done:
            break
        if return_when == FIRST_EXCEPTION and any(f._exception is not None for f in done):
            break
        if not _wait_any([f._slot for f in not_done], _remaining(deadline)):
            break
        for f in list(not_done):
            if f._settle(0):
                not_done.remove(f)
                done.add(f)
    return DoneAndNotDoneFutures(done, not_done)

def as_completed(fs, timeout=None):
    """Yield the futures in fs as they complete (finished or cancelled)."""
    deadline = _deadline(timeout)
    unique = []
    for f in fs:
        if not any(f is g for g in unique):
            unique.append(f)
    total = len(unique)
    pending = []
    for f in unique:
        if f._settle(0):
            yield f
        else:
            pending.append(f)
    while pending:
        if not _wait_any([f._slot for f in pending], _remaining(deadline)):
            raise TimeoutError(f'{len(pending)} (of {total}) futures unfinished')
        still = []
        for f in pending:
            if f._settle(0):
                yield f
            else:
                still.append(f)
        pending = still
