import gc, warnings, traceback, io, sys
print(gc.collect(), gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
warnings.simplefilter('ignore')
warnings.warn('quiet')
print('warned')
def fail():
    raise ValueError('bad value')
try:
    fail()
except ValueError:
    text = traceback.format_exc()
print(text.splitlines()[0], text.splitlines()[-1])
print(traceback.format_exception_only(ValueError('x')))
print(str(b'abc', 'ascii'), str(b'\xc3\xa9', encoding='utf-8'))
