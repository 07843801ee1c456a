"""数据交换: packages down to the reporting units (下发) and back, survey workbooks, their dialogs and menu."""
