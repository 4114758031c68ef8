// Replaced by the emulator implementation.
return 0;
