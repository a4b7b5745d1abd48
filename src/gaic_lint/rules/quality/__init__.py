"""Rules about what the narrative says: whether parts 一 and 五 have substance, slips of wording."""
