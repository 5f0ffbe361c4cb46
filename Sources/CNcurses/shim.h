#ifndef VETDESK_CNCURSES_SHIM_H
#define VETDESK_CNCURSES_SHIM_H
// Wide-character API (cchar_t, get_wch, setcchar) is hidden without this define;
// SwiftPM drops pkg-config cflags for system libraries.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Macros and globals Swift cannot import (or that strict concurrency rejects).
static inline WINDOW *vd_stdscr(void) { return stdscr; }
static inline int vd_lines(void) { return LINES; }
static inline int vd_cols(void) { return COLS; }
static inline int vd_colors(void) { return COLORS; }
static inline int vd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t vd_a_bold(void) { return A_BOLD; }
static inline attr_t vd_a_reverse(void) { return A_REVERSE; }
static inline attr_t vd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t vd_a_dim(void) { return A_DIM; }
static inline attr_t vd_a_normal(void) { return A_NORMAL; }
static inline attr_t vd_color_pair(int n) { return COLOR_PAIR(n); }
static inline int vd_key_resize(void) { return KEY_RESIZE; }
#endif
