"""gunicorn's threaded worker, without dropping a request that waits on a kept-alive connection.

`sportello serve` runs gunicorn's `gthread` worker: a main thread polls the sockets and hands
each request to a pool of threads; after a response the connection is kept open for the next
request for `keepalive` seconds, then closed by the main thread (`murder_keepalived`).

The main thread closes the expired connections *after* dispatching the events of a poll. When it
is slow to come back — the worker's threads hold the GIL while they render pages and the machine
is busy, which the load test (`bench/load.py`) shows as polls taking 1–3 s — a request that
arrived on a kept-alive connection since the last poll is not seen: the connection is closed
with the request unread, and the browser gets "connection closed without a response" for a page
or a form it sent (a write that was not made: nothing is lost, but the user sees an error).

This worker looks at the expired connections first: one with bytes waiting (a request, or the
client closing it) is handed to the threads as if the poll had reported it; only the idle ones
are closed. Everything else is gunicorn's own worker.
"""

import select
import time

from gunicorn.workers.gthread import ThreadWorker as GunicornThreadWorker


def _has_bytes_waiting(sock) -> bool:
    try:
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    except (OSError, ValueError):
        return False


def _expired(conns) -> list:
    now = time.monotonic()
    expired = []
    for conn in conns:  # ordered by expiry
        if conn.timeout > now:
            break
        expired.append(conn)
    return expired


class ThreadWorker(GunicornThreadWorker):
    def murder_keepalived(self, force=False):
        if not force:
            for conn in _expired(self.keepalived_conns):
                if _has_bytes_waiting(conn.sock):
                    # What the poll would have done: off the poller, to the threads.
                    self.on_client_socket_readable(conn, conn.sock)
        super().murder_keepalived(force)

    def murder_pending(self):
        # New connections whose first bytes were late: the same, for their first request.
        for conn in _expired(self.pending_conns):
            if _has_bytes_waiting(conn.sock):
                self.on_pending_socket_readable(conn, conn.sock)
        super().murder_pending()
