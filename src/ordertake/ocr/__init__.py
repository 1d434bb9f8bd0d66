"""Reading documents: bytes → pages of positioned words (text layer, OCR or plain text)."""
