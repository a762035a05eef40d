"""The web ledger (网页台账): server-rendered pages over the same storage, rules and handlers
as the chat.

`app.create_app()` builds the ASGI application (Starlette, Jinja2 templates); `server.run_web()`
serves it with uvicorn, on its own (`linli web`) or beside the bot (`linli run` with
`web.enabled`). People sign in with a one-time link the bot sends in a private chat
(`handlers/web.py`); actions taken on a page are dispatched as if typed in that chat.
"""
