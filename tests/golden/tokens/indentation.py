if x:
    y = 1
    if z:
        pass

  # comment at another indentation
    w = 2
else:
	t = 3
