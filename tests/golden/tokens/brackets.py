x = (1,
     2,
  3)
y = [
    a for a in b
]
z = {
    'k': 'v',
}
s = 1 + \
    2
