# A small object-oriented program with custom exceptions.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available

class Account:
    interest = 0.02
    _next_id = 1

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
        self.id = Account._next_id
        Account._next_id += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def apply_interest(self):
        gained = round(self.balance * self.interest, 2)
        self.balance = round(self.balance + gained, 2)
        return gained

    def __repr__(self):
        return f"Account#{self.id}({self.owner!r}, {self.balance})"

class Savings(Account):
    interest = 0.05

    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == "withdraw"]) >= 2:
            raise PermissionError("withdrawal limit reached")
        return super().withdraw(amount)

def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as e:
        print(f"transfer failed: {e} (short by {e.needed - e.available})")
        return False
    dst.deposit(amount)
    return True

a = Account("ann", 100)
b = Savings("bob")
print(a, b)
a.deposit(50).withdraw(30)
print(a, a.history)
print(transfer(a, b, 500), transfer(a, b, 60))
print(a, b)
for amt in [10, 10, 10]:
    try:
        b.withdraw(amt)
        print("withdrew", amt, b.balance)
    except PermissionError as e:
        print("PermissionError:", e)
try:
    a.deposit(-5)
except ValueError as e:
    print("ValueError:", e)
print(a.apply_interest(), b.apply_interest(), a, b)
accounts = [a, b, Account("cy", 75)]
print(sorted(accounts, key=lambda acc: acc.balance))
print(sum(acc.balance for acc in accounts))
print({acc.owner: type(acc).__name__ for acc in accounts})
