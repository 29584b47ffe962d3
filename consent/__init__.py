"""Consent records, patient self-service by code and secret, withdrawal, and the audit trail."""
