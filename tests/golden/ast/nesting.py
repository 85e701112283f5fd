def outer():
    class Inner:
        def method(self):
            for i in range(3):
                while i:
                    if i:
                        try:
                            with a:
                                pass
                        except E:
                            pass
                    i -= 1
    return Inner
x = [[[[1]]]]
y = ((((2))))
z = {'a': {'b': {'c': [1, (2, {3})]}}}
