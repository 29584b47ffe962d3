"""The web server of ``serve``: waitress, with the app's body caps enforced before a body is read and
slow clients bounded.

Waitress reads a whole request body (to memory, then a temporary file) before the app sees the request,
up to its own cap of 1 GB, so an anonymous 600 MB POST to ``/login`` was written to disk before the
app's 413. Here the server looks at the request line and headers first: a declared length over the
address's cap (``archive.request_caps``) is answered 413 at once, and a chunked body is cut at the cap.

Slow clients: a connection that has not finished sending a request's headers within
``SERVE_HEADER_TIMEOUT`` seconds is closed (a few bytes a minute kept 110 connections open and the
server from accepting more); one idle for ``SERVE_CHANNEL_TIMEOUT`` is closed; at most
``SERVE_CONNECTION_LIMIT`` are open at once. A slow *body* (a long upload over a poor link) is
allowed as long as bytes keep arriving. In production a reverse proxy in front buffers requests and
takes the slow clients (see the README).
"""

from __future__ import annotations

import copy
import time

from flask import Flask
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

from archive import request_caps


def make_server(app: Flask, host: str, port: int, threads: int):
    """A waitress server for ``app`` on ``host``:``port``, with the caps and timeouts of its settings."""
    cfg = app.config
    adj = Adjustments(
        host=host,
        port=port,
        threads=threads,
        connection_limit=int(cfg["SERVE_CONNECTION_LIMIT"]),
        channel_timeout=int(cfg["SERVE_CHANNEL_TIMEOUT"]),
        cleanup_interval=max(1, min(30, int(cfg["SERVE_HEADER_TIMEOUT"]) // 3 or 1)),
        # The largest body any address takes; each request is then held to its own address's cap.
        max_request_body_size=max(
            [int(cfg["MAX_CONTENT_LENGTH"]), *app.extensions.get("request_caps", {}).values()]
        )
        + 1,
        ident="story-archive",
    )
    header_timeout = float(cfg["SERVE_HEADER_TIMEOUT"])

    class Parser(HTTPRequestParser):
        def parse_header(self, header_plus: bytes) -> None:
            super().parse_header(header_plus)
            # Waitress refuses a body of max_request_body_size or more; the app takes up to its cap.
            cap = request_caps.cap_for(app, self.path or "/") + 1
            if cap < self.adj.max_request_body_size:
                self.adj = copy.copy(self.adj)
                self.adj.max_request_body_size = cap

    class Channel(HTTPChannel):
        parser_class = Parser
        request_began = 0.0

        def received(self, data: bytes) -> bool:
            if self.request is None and data:
                self.request_began = time.time()
            return super().received(data)

    class Server(TcpWSGIServer):
        channel_class = Channel

        def maintenance(self, now: float) -> None:
            super().maintenance(now)
            for channel in list(self.active_channels.values()):
                request = channel.request
                slow = request is not None and not request.headers_finished
                if slow and not channel.requests and now - channel.request_began > header_timeout:
                    channel.will_close = True

    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict = {}
    servers = [
        Server(app, socket_map, True, None, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo)
        for sockinfo in adj.listen
    ]
    if len(servers) == 1:
        return servers[0]
    listening = [(s.effective_host, s.effective_port) for s in servers]
    return MultiSocketServer(socket_map, adj, listening, dispatcher, servers[-1].log_info)
