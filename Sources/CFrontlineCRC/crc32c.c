// CRC-32C (Castagnoli) with the CPU's crc32 instruction: the log checks one per frame, and the
// table-driven code was 7 % of `frontlinectl log verify`'s time. Eight bytes per instruction.
#include "frontline_crc32c.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

int frontline_crc32c_hardware(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & bit_SSE4_2) != 0;
}

__attribute__((target("sse4.2")))
uint32_t frontline_crc32c_update(uint32_t state, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    uint64_t crc = state;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        crc = _mm_crc32_u64(crc, word);
        p += 8;
        count -= 8;
    }
    uint32_t low = (uint32_t)crc;
    while (count > 0) {
        low = _mm_crc32_u8(low, *p++);
        count--;
    }
    return low;
}

#else

int frontline_crc32c_hardware(void) { return 0; }

uint32_t frontline_crc32c_update(uint32_t state, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return state;
}

#endif
