#ifndef VETDESK_CLIBLOC_SHIM_H
#define VETDESK_CLIBLOC_SHIM_H
#include <stdio.h>
#include <libloc/libloc.h>
#include <libloc/database.h>
#include <libloc/network.h>
#include <libloc/as.h>
#include <libloc/country.h>
#endif
