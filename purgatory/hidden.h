/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Included first in every purgatory object: with every symbol hidden, -fpie
 * code reaches them RIP-relative, never through a GOT the image cannot have.
 */
#pragma GCC visibility push(hidden)
