// libzip (Debian libzip-dev): reads the OFSI consolidated list's ODS spreadsheet (a zip archive).
#include <zip.h>
