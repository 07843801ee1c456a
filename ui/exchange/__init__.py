"""数据交换: packages down to the reporting units (下发) and in from the county."""
