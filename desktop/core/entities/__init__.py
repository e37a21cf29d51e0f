"""Entities: names of organisations, initiatives, people, places and topics, and their aliases."""
