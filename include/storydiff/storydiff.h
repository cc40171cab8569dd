// storydiff — everything public, in one include.
#pragma once

#include "storydiff/compare.h"
#include "storydiff/document.h"
#include "storydiff/error.h"
#include "storydiff/json.h"
#include "storydiff/options.h"
#include "storydiff/result.h"
#include "storydiff/segment.h"
#include "storydiff/version.h"
