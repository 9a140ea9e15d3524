"""Operating audits around the clock: a history database, schedules, trends and alerts."""
