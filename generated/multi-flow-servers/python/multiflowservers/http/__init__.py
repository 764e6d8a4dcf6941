"""HTTP plumbing of the SDK: transport, responses, request context and authentication.

This package's `__init__` imports nothing on purpose (import order stays acyclic).
"""
