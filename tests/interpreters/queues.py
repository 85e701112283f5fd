# Cross-interpreter queues: bounds, timeouts, producer/consumer across interpreters, queues as values.
from concurrent import interpreters


def producer(q, n):
    for i in range(n):
        q.put({"i": i, "sq": i * i})
    q.put(None)


def consumer(q_in, q_out):
    total = 0
    count = 0
    while True:
        item = q_in.get()
        if item is None:
            break
        total += item["sq"]
        count += 1
    q_out.put((count, total))


def identity(x):
    return x


def main():
    q = interpreters.create_queue()
    print(q.qsize(), q.empty(), q.full(), q.maxsize)
    small = interpreters.create_queue(maxsize=2)
    small.put(1)
    small.put_nowait(2)
    print(small.full(), small.qsize(), small.maxsize)
    try:
        small.put_nowait(3)
    except interpreters.QueueFull:
        print("QueueFull")
    try:
        small.put(3, timeout=0.01)
    except interpreters.QueueFull:
        print("QueueFull after timeout")
    print(small.get(), small.get_nowait())
    try:
        small.get(timeout=0.01)
    except interpreters.QueueEmpty:
        print("QueueEmpty after timeout")
    try:
        small.get(block=False)
    except interpreters.QueueError as e:
        print(type(e).__name__)

    a = interpreters.create()
    b = interpreters.create()
    work = interpreters.create_queue()
    results = interpreters.create_queue()
    tb = b.call_in_thread(consumer, work, results)
    ta = a.call_in_thread(producer, work, 200)
    ta.join()
    tb.join()
    print("consumed", results.get(), sum(i * i for i in range(200)))
    back = a.call(identity, q)
    print(back == q, back.id == q.id, type(back).__name__)
    a.prepare_main(q=q)
    a.exec("q.put(('hello', 42))")
    print(q.get(timeout=5))
    a.close()
    b.close()


if __name__ == "__main__":
    main()
