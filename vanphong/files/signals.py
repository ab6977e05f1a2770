"""What the files app announces. Files lie below the apps that hold them and never
import them: those apps subscribe here, in their `AppConfig.ready()`."""

from __future__ import annotations

from django.dispatch import Signal

#: The worker inspected a stored file: its page count is known (`stored_file.pages`
#: stays None when it cannot be counted). Sent with `stored_file`, outside any
#: transaction; each receiver makes its own changes through its app's actions.
file_inspected = Signal()

#: A stored file's own text was recorded (`stored_file`, `text`). Sent inside the
#: transaction that saved it, so that what receivers write commits with it or not at all.
file_text_recorded = Signal()
