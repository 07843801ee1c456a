"""Exchange between units: packages down (下发) and up (上报), EXCHANGE.md."""
