#ifndef FRONTLINE_CRC32C_H
#define FRONTLINE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the CRC-32C instruction this file uses (SSE 4.2's crc32 on x86-64).
/// Elsewhere it returns 0 and Swift's table-driven code is used.
int frontline_crc32c_hardware(void);

/// Continues a CRC-32C over `count` bytes with the CPU's instruction. `state` is the running,
/// inverted CRC (~0 to start; invert the result to finish). Call only when
/// frontline_crc32c_hardware() returned 1.
uint32_t frontline_crc32c_update(uint32_t state, const void *bytes, size_t count);

#endif
