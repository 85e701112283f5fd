from contextlib import contextmanager, suppress, nullcontext, redirect_stdout, ExitStack, closing
import io, json

@contextmanager
def tag(name):
    print(f'<{name}>')
    try:
        yield name.upper()
    finally:
        print(f'</{name}>')

with tag('b') as t:
    print('inside', t)

@contextmanager
def swallow():
    try:
        yield
    except ValueError as e:
        print('swallowed', e)

with swallow():
    raise ValueError('boom')
print('after swallow')
try:
    with tag('x'):
        raise KeyError('k')
except KeyError as e:
    print('propagated', e)

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print('suppressed')
with nullcontext(5) as v:
    print('null', v)

buf = io.StringIO()
with redirect_stdout(buf):
    print('captured line')
    print('second', 2)
print(repr(buf.getvalue()))
s = io.StringIO('a\nb\nc')
print(s.readline(), s.read(), s.tell(), list(io.StringIO('x\ny\n')))
out = io.StringIO()
print('to file', 1, 2, sep='-', file=out)
out.write('more')
print(repr(out.getvalue()))
json.dump({'k': [1, 2]}, out)
print(out.getvalue().splitlines()[-1])
print(json.load(io.StringIO('{"z": 1}')))

with ExitStack() as stack:
    for n in ['one', 'two']:
        stack.enter_context(tag(n))
    stack.callback(print, 'callback ran')
    print('body')

class Res:
    def close(self):
        print('closed')
with closing(Res()):
    print('using')

@tag('deco')
def decorated():
    print('in decorated')
decorated()
