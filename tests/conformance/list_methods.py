# list methods.
a = [3, 1, 4]
a.append(1)
print(a)
a.extend([5, 9])
a.extend("ab")
print(a)
a.insert(0, "first")
a.insert(-1, "x")
a.insert(100, "end")
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove("a")
print(a)
print(a.index(1), a.index(1, 2), a.count(1), a.count(42))
nums = [5, 2, 8, 1, 9, 3]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date", "Elder"]
words.sort()
print(words)
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort()
print(pairs)
nums.reverse()
print(nums)
c = nums.copy()
c.append(100)
print(nums, c, c is nums, c == nums)
c.clear()
print(c, len(c))
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].index(7)
except ValueError as e:
    print("ValueError:", e)
try:
    [3, "a"].sort()
except TypeError as e:
    print("TypeError:", e)
print([1, 2] + [3], [0] * 4, [[1]] * 2, 2 in [1, 2], [1, 2] < [1, 3], [1, 2] == [1, 2])
print(sorted([3, 1, 2]), list(reversed([1, 2, 3])))
stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print("pop", stack.pop())
m = [[0] * 3 for _ in range(3)]
m[1][2] = 7
print(m)
alias = m[0]
alias.append("shared")
print(m[0])
print(len([1, [2, 3]]), max([4, 9, 2]), min([4, 9, 2]), sum([4, 9, 2]))
