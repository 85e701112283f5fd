"""tracemalloc: where memory was allocated, by Python line (CPython's API over the native _tracemalloc tracer)."""

import _tracemalloc
from _tracemalloc import (start, stop, is_tracing, clear_traces, get_traced_memory, reset_peak,
                          get_tracemalloc_memory, get_traceback_limit)

__all__ = ['Frame', 'Traceback', 'Trace', 'Statistic', 'StatisticDiff', 'Snapshot', 'Filter',
           'DomainFilter', 'BaseFilter', 'start', 'stop', 'is_tracing', 'clear_traces',
           'get_traced_memory', 'reset_peak', 'get_tracemalloc_memory', 'get_traceback_limit',
           'get_object_traceback', 'take_snapshot']

_UNITS = ('B', 'KiB', 'MiB', 'GiB', 'TiB')


def _format_size(size, sign):
    # Three significant digits below 100 of a unit (xx.x), else a whole number of at most
    # five digits before moving to the next unit; bytes are always whole.
    for unit in _UNITS:
        if unit != 'B' and abs(size) < 100:
            return ('%+.1f %s' if sign else '%.1f %s') % (size, unit)
        if unit == 'TiB' or abs(size) < 10 * 1024:
            return ('%+.0f %s' if sign else '%.0f %s') % (size, unit)
        size /= 1024


class Frame:
    """One frame of a traceback: a filename and a line number."""
    __slots__ = ('_frame',)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return other < self

    def __ge__(self, other):
        return self == other or self > other

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self.filename, self.lineno)

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self.filename, self.lineno)


class Traceback:
    """Frames of an allocation, most recent call last (as tracebacks print)."""
    __slots__ = ('_frames', '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        # The tracer lists the innermost frame first; a Traceback keeps the oldest first.
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Frame(f) for f in self._frames[index])
        return Frame(self._frames[index])

    def __iter__(self):
        return (Frame(f) for f in self._frames)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return other < self

    def __ge__(self, other):
        return self == other or self > other

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        s = "<Traceback %r" % (tuple(self),)
        if self._total_nframe is None:
            return s + ">"
        return s + " total_nframe=%s>" % self.total_nframe

    def format(self, limit=None, most_recent_first=False):
        frames = list(self)
        if limit is not None:
            frames = frames[-limit:] if limit > 0 else frames[:-limit]
        if most_recent_first:
            frames.reverse()
        lines = []
        for frame in frames:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
        return lines


def get_object_traceback(obj):
    """The traceback where `obj` was allocated, or None (not traced, or tracing off)."""
    frames = _tracemalloc._get_object_traceback(obj)
    if frames is None:
        return None
    return Traceback(frames)


class Trace:
    """One traced memory block: its domain, size and traceback."""
    __slots__ = ('_trace',)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(*self._trace[2:])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return "<Trace domain=%s size=%s, traceback=%r>" % (self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Trace(t) for t in self._traces[index])
        return Trace(self._traces[index])

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


class Statistic:
    """Memory allocated at one place: total size and number of blocks."""
    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.count == other.count)

    def __str__(self):
        text = "%s: size=%s, count=%i" % (self.traceback, _format_size(self.size, False), self.count)
        if self.count:
            text += ", average=%s" % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<Statistic traceback=%r size=%i count=%i>' % (self.traceback, self.size, self.count)

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    """How the memory allocated at one place changed between two snapshots."""
    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff, self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.size_diff == other.size_diff and self.count == other.count
                and self.count_diff == other.count_diff)

    def __str__(self):
        text = "%s: size=%s (%s), count=%i (%+i)" % (
            self.traceback, _format_size(self.size, False), _format_size(self.size_diff, True),
            self.count, self.count_diff)
        if self.count:
            text += ", average=%s" % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return ('<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>'
                % (self.traceback, self.size, self.size_diff, self.count, self.count_diff))

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff), self.count, self.traceback)


def _fnmatch(name, pattern):
    # Shell-style matching (`*`, `?`, `[...]`) of a whole name, as fnmatch.fnmatch on POSIX.
    if '*' not in pattern and '?' not in pattern and '[' not in pattern:
        return name == pattern
    def match(i, j):
        while j < len(pattern):
            c = pattern[j]
            if c == '*':
                while j < len(pattern) and pattern[j] == '*':
                    j += 1
                if j == len(pattern):
                    return True
                for k in range(i, len(name) + 1):
                    if match(k, j):
                        return True
                return False
            if i >= len(name):
                return False
            if c == '?':
                i += 1
                j += 1
                continue
            if c == '[':
                end = pattern.find(']', j + 2 if j + 1 < len(pattern) and pattern[j + 1] == '!' else j + 1)
                if end >= 0:
                    body = pattern[j + 1:end]
                    negate = body.startswith('!')
                    if negate:
                        body = body[1:]
                    hit = False
                    k = 0
                    while k < len(body):
                        if k + 2 < len(body) and body[k + 1] == '-':
                            if body[k] <= name[i] <= body[k + 2]:
                                hit = True
                            k += 3
                        else:
                            if body[k] == name[i]:
                                hit = True
                            k += 1
                    if hit == negate:
                        return False
                    i += 1
                    j = end + 1
                    continue
            if name[i] != c:
                return False
            i += 1
            j += 1
        return i == len(name)
    return match(0, 0)


def _normalize_filename(filename):
    if filename.endswith('.pyc'):
        filename = filename[:-1]
    return filename


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    """Keep (inclusive) or drop traces whose frames match a filename pattern and line."""

    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self.inclusive = inclusive
        self._filename_pattern = _normalize_filename(filename_pattern)
        self._matched = {}
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        # Traces share a few file names: each is matched against the pattern once.
        matched = self._matched.get(filename)
        if matched is None:
            matched = _fnmatch(_normalize_filename(filename), self._filename_pattern)
            self._matched[filename] = matched
        if not matched:
            return False
        if self.lineno is None:
            return True
        return lineno == self.lineno

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) ^ (not self.inclusive)

    def _match_traceback(self, traceback):
        if self.all_frames:
            if any(self._match_frame_impl(filename, lineno) for filename, lineno in traceback):
                return self.inclusive
            return not self.inclusive
        filename, lineno = traceback[0]
        return self._match_frame(filename, lineno)

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        res = self._match_traceback(traceback)
        if self.domain is not None:
            if self.inclusive:
                return res and domain == self.domain
            return res or domain != self.domain
        return res


class DomainFilter(BaseFilter):
    """Keep (inclusive) or drop the traces of one address-space domain."""

    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        return (domain == self.domain) ^ (not self.inclusive)


class Snapshot:
    """Traces of memory blocks allocated by Python, frozen at one moment."""

    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def _filter_trace(self, include_filters, exclude_filters, trace):
        if include_filters and not any(f._match(trace) for f in include_filters):
            return False
        if exclude_filters and any(not f._match(trace) for f in exclude_filters):
            return False
        return True

    def filter_traces(self, filters):
        """A new Snapshot with only the traces that the filters keep."""
        if not isinstance(filters, (list, tuple)):
            raise TypeError("filters must be a list of filters, not %s" % type(filters).__name__)
        if filters:
            include = [f for f in filters if f.inclusive]
            exclude = [f for f in filters if not f.inclusive]
            new = [t for t in self.traces._traces if self._filter_trace(include, exclude, t)]
        else:
            new = self.traces._traces.copy()
        return Snapshot(new, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError("unknown key_type: %r" % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError("cumulative mode cannot by used with key type %r" % key_type)
        stats = {}
        cache = {}
        for trace in self.traces._traces:
            domain, size, frames, total_nframe = trace
            if not cumulative:
                if key_type == 'traceback':
                    key = frames
                elif key_type == 'lineno':
                    key = frames[:1]
                else:
                    key = ((frames[0][0], 0),)
                keys = (key,)
            else:
                seen = []
                for frame in frames:
                    k = (frame,) if key_type == 'lineno' else ((frame[0], 0),)
                    if k not in seen:
                        seen.append(k)
                keys = seen
            for key in keys:
                tb = cache.get(key)
                if tb is None:
                    tb = cache[key] = Traceback(key)
                entry = stats.get(tb)
                if entry is None:
                    stats[tb] = [size, 1]
                else:
                    entry[0] += size
                    entry[1] += 1
        return stats

    def statistics(self, key_type, cumulative=False):
        """Statistics grouped by 'lineno', 'filename' or 'traceback', biggest first."""
        grouped = self._group_by(key_type, cumulative)
        stats = [Statistic(tb, size, count) for tb, (size, count) in grouped.items()]
        stats.sort(reverse=True, key=Statistic._sort_key)
        return stats

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        """Differences from an older snapshot, the biggest change first."""
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        diffs = []
        for tb, (size, count) in new_group.items():
            old = old_group.pop(tb, None)
            if old is None:
                diffs.append(StatisticDiff(tb, size, size, count, count))
            else:
                diffs.append(StatisticDiff(tb, size, size - old[0], count, count - old[1]))
        for tb, (size, count) in old_group.items():
            diffs.append(StatisticDiff(tb, 0, -size, 0, -count))
        diffs.sort(reverse=True, key=StatisticDiff._sort_key)
        return diffs


def take_snapshot():
    """Snapshot of the traces now (RuntimeError unless tracing)."""
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory allocations to take a snapshot")
    traces = _tracemalloc._get_traces()
    return Snapshot(traces, get_traceback_limit())
