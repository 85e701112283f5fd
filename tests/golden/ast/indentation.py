if a:
	pass
if b:
        x = 1
        if c:
         y = 2
        z = 3
def f(
    a,
        b,
):
  return (a +
b)
x = [
  1,
      2,
]
if x:

    # comment at odd indentation
  # another

    pass
