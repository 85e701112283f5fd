x: int = 1
y: str
z: "list[int]" = []

class Point:
    x: float
    y: float = 0.0

def f(a: int) -> None:
    local: int = 5
    other: str
    return None
