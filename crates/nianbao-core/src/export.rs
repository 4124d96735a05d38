//! The structured content of a report (INTERFACES.md `export`).
