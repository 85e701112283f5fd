# Uncaught KeyError from a dict lookup inside a method.
class Inventory:
    def __init__(self):
        self.stock = {"apple": 3, "pear": 0}

    def take(self, item):
        count = self.stock[item]
        self.stock[item] = count - 1
        return count

inv = Inventory()
print(inv.take("apple"))
print(inv.stock)
inv.take("banana")
