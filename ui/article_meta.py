"""Edit ▸ Outlet and date: correct what the page or file said (or did not say) about one side.

The edit goes into the Comparison on screen, so saving, exporting and the report carry it.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit


class ArticleMetaDialog(QDialog):
    """The outlet and date of one article, as the user wants them shown."""

    def __init__(self, article, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Outlet and date of article {article.id.upper()}")
        self.setObjectName("article_meta")
        self.outlet, self.date = QLineEdit(article.outlet), QLineEdit(article.date)
        self.outlet.setPlaceholderText("e.g. Reuters")
        self.date.setPlaceholderText("e.g. 2019-05-31")
        form = QFormLayout(self)
        form.addRow("Source:", QLineEdit(article.source, readOnly=True))
        form.addRow("&Outlet:", self.outlet)
        form.addRow("&Date:", self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[str, str]:
        """(outlet, date), on one line each and trimmed."""
        return " ".join(self.outlet.text().split()), " ".join(self.date.text().split())


def edit_outlet_and_date(article, parent=None) -> bool:
    """Ask for the outlet and date of `article` (one of the Comparison's) and set them; False if cancelled."""
    dialog = ArticleMetaDialog(article, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    article.outlet, article.date = dialog.values()
    return True
