"""The server's worker answers a request that waits on a kept-alive connection, even when it
comes back to that connection after its keep-alive time (a busy worker): it does not close it
unread, which a browser shows as "connection closed without a response"."""

import selectors
import socket
import time
from collections import deque
from concurrent.futures import Future
from types import SimpleNamespace

import pytest
from gunicorn.workers.gthread import TConn

from sportello.core.server_worker import ThreadWorker

REQUEST = b"GET /it/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


class Threads:
    """Stands in for the worker's thread pool: records what it is given."""

    def __init__(self):
        self.given = []

    def submit(self, function, conn):
        self.given.append(conn)
        return Future()


@pytest.fixture
def worker():
    worker = ThreadWorker.__new__(ThreadWorker)  # no arbiter, no process: the loop's state only
    worker.cfg = SimpleNamespace(keepalive=2)
    worker.alive = True
    worker.keepalived_conns = deque()
    worker.pending_conns = deque()
    worker.nr_conns = 0
    worker.poller = selectors.DefaultSelector()
    worker.tpool = Threads()
    worker.method_queue = SimpleNamespace(defer=lambda *args: None)
    yield worker
    worker.poller.close()


def expired_connection(worker, queue: deque):
    server_side, browser = socket.socketpair()
    conn = TConn(worker.cfg, server_side, ("127.0.0.1", 50000), ("127.0.0.1", 8000))
    conn.timeout = time.monotonic() - 1  # its keep-alive time is over
    queue.append(conn)
    worker.poller.register(server_side, selectors.EVENT_READ, None)
    worker.nr_conns += 1
    return conn, browser


def test_a_request_waiting_on_an_expired_kept_alive_connection_is_answered(worker):
    waiting, browser = expired_connection(worker, worker.keepalived_conns)
    idle, idle_browser = expired_connection(worker, worker.keepalived_conns)
    browser.sendall(REQUEST)  # sent while the worker was busy elsewhere

    worker.murder_keepalived()

    assert worker.tpool.given == [waiting]  # handed to the threads, which answer it
    assert waiting.sock.fileno() != -1
    assert idle.sock.fileno() == -1  # nothing waiting: closed as before
    assert not worker.keepalived_conns
    browser.close()
    idle_browser.close()


def test_a_late_first_request_on_a_new_connection_is_answered(worker):
    waiting, browser = expired_connection(worker, worker.pending_conns)
    idle, idle_browser = expired_connection(worker, worker.pending_conns)
    browser.sendall(REQUEST)

    worker.murder_pending()

    assert worker.tpool.given == [waiting]
    assert waiting.data_ready
    assert idle.sock.fileno() == -1
    browser.close()
    idle_browser.close()


def test_every_kept_alive_connection_is_closed_when_the_worker_stops(worker):
    waiting, browser = expired_connection(worker, worker.keepalived_conns)
    browser.sendall(REQUEST)

    worker.murder_keepalived(force=True)

    assert worker.tpool.given == []
    assert waiting.sock.fileno() == -1
    browser.close()
