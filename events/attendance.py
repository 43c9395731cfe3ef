"""Attendance: the personal join link's first click, the video platform's attendance
file matched to registrations, and the check-in on site by QR code or short code."""
