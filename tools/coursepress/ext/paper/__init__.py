"""Paper: the book PDF, the facilitator guide, workbooks, sheets and session prints."""
