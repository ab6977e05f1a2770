"""Một Văn Phòng: one shared office serving several member organizations."""
