// SPDX-License-Identifier: GPL-2.0
/*
 * e820shim.efi: boots a Linux bzImage from UEFI through the purgatory, the
 * way a crash loader would: boot_params e820 holds only RAM, the firmware's
 * other ranges (and reserve= lines) go to the staged table, the purgatory
 * patches them in. Config: e820shim.conf beside this image, then the load
 * options. Segment layout and filling are bootproto/'s; this file is firmware I/O.
 */
#include <efi.h>
#include <efilib.h>

#include "bootproto/assemble.h"
#include "bootproto/bzimage.h"
#include "conf.h"
#include "efimap.h"
#include "bootproto/layout.h"
#include "bootproto/table_write.h"
#ifdef E820SHIM_FAULTS
#include "faults.h"
#endif

#include <stdio.h>
#include <string.h>

#define CONF_NAME        L"e820shim.conf"
#define ERROR_PAUSE_US   5000000         /* so a person can read the error on screen */
#define MAP_SLACK_DESCS  64              /* allocations between sizing and reading the map */
#define MAX_FREE_RANGES  512
#define EXIT_RETRIES     4
#define EXT_CAPACITY     (STAGED_TABLE_MAX_RANGES + BP_E820_MAX)

extern const uint8_t purgatory_blob[];
extern const uint64_t purgatory_blob_size;

static struct shim_conf conf;
static struct staged_range staged[STAGED_TABLE_MAX_RANGES];
static struct range free_ranges[MAX_FREE_RANGES];
static struct efimap map = { .staged = staged, .staged_cap = STAGED_TABLE_MAX_RANGES,
			     .free = free_ranges, .free_cap = MAX_FREE_RANGES };
static char why[160];

static EFI_STATUS fail(EFI_STATUS st, const char *what)
{
	CHAR16 msg[200];
	UINTN n = strlen(what);

	if (n > 199)
		n = 199;
	for (UINTN i = 0; i < n; i++)
		msg[i] = (CHAR16)what[i];
	msg[n] = 0;
	Print(L"e820shim: %s\r\n", msg);
	uefi_call_wrapper(BS->Stall, 1, ERROR_PAUSE_US);
	return st;
}

static void to_char16(CHAR16 *dst, const char *src, UINTN cap)
{
	UINTN i = 0;

	for (; src[i] && i + 1 < cap; i++)
		dst[i] = (CHAR16)src[i];
	dst[i] = 0;
}

/* Whole file from the volume we were loaded from; NULL and why set if it cannot be read. */
static void *read_file(EFI_FILE_HANDLE root, const CHAR16 *path, UINTN *size)
{
	EFI_FILE_HANDLE fh;
	EFI_FILE_INFO *info;
	void *buf;

	if (EFI_ERROR(uefi_call_wrapper(root->Open, 5, root, &fh, (CHAR16 *)path, EFI_FILE_MODE_READ, 0)))
		return NULL;
	info = LibFileInfo(fh);
	*size = info ? info->FileSize : 0;
	FreePool(info);
	buf = AllocatePool(*size ? *size : 1);
	if (buf && EFI_ERROR(uefi_call_wrapper(fh->Read, 3, fh, size, buf))) {
		FreePool(buf);
		buf = NULL;
	}
	uefi_call_wrapper(fh->Close, 1, fh);
	return buf;
}

static int load_conf(EFI_LOADED_IMAGE *li, EFI_FILE_HANDLE root)
{
	CHAR16 *self = DevicePathToStr(li->FilePath), path[CONF_PATH_MAX];
	UINTN size = 0, i, cut = 0;
	char *text, opts[CONF_CMDLINE_MAX * 2];

	conf_defaults(&conf);
	for (i = 0; self && self[i] && i + 1 < CONF_PATH_MAX; i++)
		if ((path[i] = self[i]) == L'\\')
			cut = i + 1;
	StrCpy(path + cut, CONF_NAME);
	text = read_file(root, path, &size);
	if (text && conf_parse(&conf, text, size, why, sizeof(why)) && li->LoadOptionsSize == 0)
		return -1;
	if (li->LoadOptionsSize) {
		const CHAR16 *o = li->LoadOptions;
		UINTN n = li->LoadOptionsSize / sizeof(CHAR16);
		char ascii[sizeof(opts)];

		for (i = 0; i < n && i + 1 < sizeof(ascii); i++)
			ascii[i] = o[i] < 0x80 ? (char)o[i] : '?';
		ascii[i] = 0;
		size = conf_options_to_lines(ascii, i, opts, sizeof(opts));
		if (size && conf_parse(&conf, opts, size, why, sizeof(why)))
			return -1;
	}
	if (!text && !conf.kernel[0]) {
		snprintf(why, sizeof(why), "no e820shim.conf beside this image and no kernel= option");
		return -1;
	}
	return 0;
}

static UINT64 acpi20_rsdp(void)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID;

	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++)
		if (!CompareGuid(&ST->ConfigurationTable[i].VendorGuid, &acpi20))
			return (UINT64)(UINTN)ST->ConfigurationTable[i].VendorTable;
	return 0;
}

/* Identity-mapped: a placed segment's address is where its bytes are. */
static uint8_t *at(const struct layout_item *seg) { return (uint8_t *)(UINTN)seg->addr; }

/* A segment to hash: the bytes as loaded at its address. */
static struct segment loaded(const struct layout_item *seg, uint64_t size)
{
	return (struct segment){ seg->addr, at(seg), size };
}

static UINTN pages(UINT64 bytes) { return (bytes + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE; }

static EFI_STATUS jump(UINT64 entry)
{
	__asm__ volatile("cli");
	((void (*)(void))(UINTN)entry)();
	return EFI_LOAD_ERROR;  /* the purgatory halts rather than return */
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_LOADED_IMAGE *li;
	EFI_FILE_HANDLE root;
	EFI_MEMORY_DESCRIPTOR *mm;
	UINTN kernel_size, initrd_size = 0, mm_size = 0, mm_cap, key, desc_size, cmdlen;
	UINT32 desc_version;
	uint8_t *kernel, *initrd = NULL;
	struct bzimage bz;
	struct purgatory_image_header ph;
	struct layout_item seg[BOOT_SEGS];
	struct purgatory_setup ps;
	struct segment hashed[BOOT_SEGS];
	CHAR16 path[CONF_PATH_MAX];
	uint32_t nhashed;

	InitializeLib(image, systab);
	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&li)) ||
	    !(root = LibOpenRoot(li->DeviceHandle)))
		return fail(EFI_LOAD_ERROR, "cannot open the volume this image was loaded from");
	if (load_conf(li, root))
		return fail(EFI_INVALID_PARAMETER, why);
	map.sp = conf.sp;
	map.nsp = conf.nsp;
	to_char16(path, conf.kernel, CONF_PATH_MAX);
	if (!(kernel = read_file(root, path, &kernel_size)))
		return fail(EFI_NOT_FOUND, "kernel= file cannot be read");
	if (bzimage_parse(kernel, kernel_size, &bz, why, sizeof(why)))
		return fail(EFI_LOAD_ERROR, why);
	if (conf.initrd[0]) {
		to_char16(path, conf.initrd, CONF_PATH_MAX);
		if (!(initrd = read_file(root, path, &initrd_size)))
			return fail(EFI_NOT_FOUND, "initrd= file cannot be read");
	}
	cmdlen = strlen(conf.cmdline);
	if (cmdlen > bz.cmdline_size)
		return fail(EFI_INVALID_PARAMETER, "cmdline= is longer than the kernel's cmdline_size");
	if (purgatory_image_check(purgatory_blob, purgatory_blob_size, &ph, why, sizeof(why)))
		return fail(EFI_LOAD_ERROR, why);

	/* Size the map, leave room for what allocating the buffers adds to it. */
	uefi_call_wrapper(BS->GetMemoryMap, 5, &mm_size, NULL, &key, &desc_size, &desc_version);
	mm_cap = mm_size + MAP_SLACK_DESCS * desc_size;
	if (!(mm = AllocatePool(mm_cap)))
		return fail(EFI_OUT_OF_RESOURCES, "no memory for the UEFI memory map");
	mm_size = mm_cap;
	if (EFI_ERROR(uefi_call_wrapper(BS->GetMemoryMap, 5, &mm_size, mm, &key, &desc_size, &desc_version)) ||
	    efimap_convert(mm, mm_size, desc_size, &map, why, sizeof(why)))
		return fail(EFI_LOAD_ERROR, why[0] ? why : "GetMemoryMap failed");

	boot_segment_items(seg, &bz, initrd_size, ph.mem_size, table_bytes(STAGED_TABLE_MAX_RANGES),
			   E820_EXT_AREA_SIZE(EXT_CAPACITY));
	if (layout_place(map.free, &map.nfree, map.free_cap, seg, BOOT_SEGS, why, sizeof(why)))
		return fail(EFI_OUT_OF_RESOURCES, why);
	for (int i = 0; i < BOOT_SEGS; i++) {
		EFI_PHYSICAL_ADDRESS a = seg[i].addr;

		if (EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress, EfiLoaderData,
						pages(seg[i].size), &a))) {
			snprintf(why, sizeof(why), "firmware refused the %s at 0x%llx", seg[i].name,
				 (unsigned long long)seg[i].addr);
			return fail(EFI_OUT_OF_RESOURCES, why);
		}
	}
	CopyMem(at(&seg[BOOT_SEG_KERNEL]), kernel + bz.pm_offset, bz.pm_size);
	if (initrd)
		CopyMem(at(&seg[BOOT_SEG_INITRD]), initrd, initrd_size);
	SetMem(at(&seg[BOOT_SEG_PURGATORY]), ph.mem_size, 0);
	CopyMem(at(&seg[BOOT_SEG_PURGATORY]), (void *)purgatory_blob, ph.file_size);
	CopyMem(at(&seg[BOOT_SEG_PARAMS]) + BP_SIZE, conf.cmdline, cmdlen + 1);

	ps = (struct purgatory_setup){
		.boot_params = seg[BOOT_SEG_PARAMS].addr, .kernel_entry = seg[BOOT_SEG_KERNEL].addr + BZ_PM_ENTRY_OFFSET,
		.ext_addr = seg[BOOT_SEG_EXT].addr, .ext_size = seg[BOOT_SEG_EXT].size,
		.serial_port = conf.serial_port, .serial_baud = conf.serial_baud,
	};
	/* From here to ExitBootServices nothing may allocate: the map key must stay valid. */
	for (int tries = 0;; tries++) {
		uint32_t n;

		mm_size = mm_cap;
		if (EFI_ERROR(uefi_call_wrapper(BS->GetMemoryMap, 5, &mm_size, mm, &key, &desc_size, &desc_version)))
			return fail(EFI_LOAD_ERROR, "GetMemoryMap failed");
		map.staged_cap = STAGED_TABLE_MAX_RANGES - conf.nreserve;
		if (efimap_convert(mm, mm_size, desc_size, &map, why, sizeof(why)))
			return fail(EFI_LOAD_ERROR, why);
		n = map.nstaged;
		for (uint32_t i = 0; i < conf.nreserve; i++)
			staged[n++] = conf.reserve[i];
		bootparams_fill(at(&seg[BOOT_SEG_PARAMS]), &bz, seg[BOOT_SEG_PARAMS].addr + BP_SIZE,
				initrd ? seg[BOOT_SEG_INITRD].addr : 0, initrd_size, map.ram, map.nram);
		bootparams_set_acpi_rsdp(at(&seg[BOOT_SEG_PARAMS]), acpi20_rsdp());
		bootparams_set_efi(at(&seg[BOOT_SEG_PARAMS]), (UINTN)ST, (UINTN)mm, mm_size,
				   desc_size, desc_version);
		nhashed = 0;
		hashed[nhashed++] = loaded(&seg[BOOT_SEG_KERNEL], bz.pm_size);
		if (initrd)
			hashed[nhashed++] = loaded(&seg[BOOT_SEG_INITRD], initrd_size);
		hashed[nhashed++] = loaded(&seg[BOOT_SEG_PARAMS], BP_SIZE + cmdlen + 1);
		ps.table_addr = ps.table_size = 0;
		if (conf.table) {
			table_write(at(&seg[BOOT_SEG_TABLE]), staged, n);
			ps.table_addr = seg[BOOT_SEG_TABLE].addr;
			ps.table_size = table_bytes(n);
			hashed[nhashed++] = loaded(&seg[BOOT_SEG_TABLE], ps.table_size);
		}
#ifdef E820SHIM_FAULTS
		if (tries == 0)
			fault_before_digest(&conf, at(&seg[BOOT_SEG_TABLE]), &ps.ext_size);
#endif
		if (purgatory_fill(at(&seg[BOOT_SEG_PURGATORY]), ph.file_size, &ps, hashed, nhashed,
				   why, sizeof(why)))
			return fail(EFI_LOAD_ERROR, why);
#ifdef E820SHIM_FAULTS
		if (tries == 0)
			fault_after_digest(&conf, at(&seg[BOOT_SEG_KERNEL]));
#endif
		if (!EFI_ERROR(uefi_call_wrapper(BS->ExitBootServices, 2, image, key)))
			break;
		if (tries == EXIT_RETRIES)
			return fail(EFI_LOAD_ERROR, "ExitBootServices kept failing: the memory map keeps changing");
	}
	return jump(seg[BOOT_SEG_PURGATORY].addr + ph.entry_offset);
}
