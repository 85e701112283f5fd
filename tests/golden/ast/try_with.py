try:
    a()
except:
    pass

try:
    a()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    raise
except Exception as exc:
    raise RuntimeError('x') from exc
else:
    b()
finally:
    c()

try:
    pass
finally:
    pass

with open(f) as fh:
    pass

with a, b as c, d() as (e, f):
    pass

with (a as b, c as d):
    pass

with (a, b):
    pass

with (a as b, c as d,):
    pass

with (yield):
    pass

with a as b.c, d as e[0]:
    pass

raise
raise X
raise X from None
