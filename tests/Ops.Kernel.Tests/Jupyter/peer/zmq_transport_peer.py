"""pyzmq (libzmq 4.3) peer for the transport tests: DEALER, SUB and REQ against our binding sockets.

argv: router_endpoint pub_endpoint echo_endpoint. Prints one line per observation; the C# test
answers over the ROUTER and publishes on the PUB.
"""
import sys
import time
import zmq

router_ep, pub_ep, echo_ep = sys.argv[1:4]
ctx = zmq.Context()

dealer = ctx.socket(zmq.DEALER)
dealer.setsockopt(zmq.IDENTITY, b"py-dealer")
dealer.setsockopt(zmq.LINGER, 0)
dealer.connect(router_ep)

sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.LINGER, 0)
sub.setsockopt(zmq.SUBSCRIBE, b"")
sub.connect(pub_ep)

req = ctx.socket(zmq.REQ)
req.setsockopt(zmq.LINGER, 0)
req.connect(echo_ep)

req.send(b"ping")
if req.poll(5000):
    print("echo", req.recv().decode(), flush=True)

# A multipart request with a long frame; the test replies "pong" and publishes "news".
dealer.send_multipart([b"hello", b"x" * 1000])
if dealer.poll(5000):
    print("reply", b"|".join(dealer.recv_multipart()).decode(), flush=True)
deadline = time.time() + 5
while time.time() < deadline:
    if sub.poll(100):
        print("sub", b"|".join(sub.recv_multipart()).decode(), flush=True)
        break
print("done", flush=True)
