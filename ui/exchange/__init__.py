"""数据交换: the menu shared by the exchange entries (packages, survey workbooks) and their dialogs."""
