"""创新生态工作台账: the application layer (no Qt widgets in here)."""

__version__ = "0.1.0"
APP_NAME = "创新生态工作台账"
ORG_NAME = "ShanxiInnovationLedger"
