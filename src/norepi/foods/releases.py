"""The official food data releases norepi knows: where they are published and the checksums of their files."""

from __future__ import annotations

# USDA ARS Nutrient Data Laboratory, SR28 "Full Version" ASCII download (public domain).
SR28_URL = "https://www.ars.usda.gov/ARSUserFiles/80400525/Data/SR/SR28/dnload/sr28asc.zip"

# sha256 of the uncompressed SR28 files (USDA SR28 ASCII, September 2015; see shared SOURCE.md).
SR28_SHA256 = {
    "FOOD_DES": "bb2047218cdad1d830da69e760386409fde3b7afabceae604c5479f280d4fa2e",
    "NUT_DATA": "506c9ee39a276ac8f53565d270597e430944ec3363adb53a91cc6ee8c061fac5",
    "NUTR_DEF": "b0d6b559eaf0cf9f9a1c13e938395e1bb3513057f3c4c0f21c046b061e599fee",
    "FD_GROUP": "1f497ae6b4b0127956d0eff4ec2d190d040bac8e6892ff0fb45773d4913033ba",
    "WEIGHT": "98484d7e26b3803467e65a9ab2ad8094bc94ed0c50375efb7e26a8bd60b1afae",
}

# FoodData Central CSV releases (USDA ARS, CC0), the newest known to this norepi; `norepi foods download --url`
# takes another. https://fdc.nal.usda.gov/download-datasets
FDC_BASE = "https://fdc.nal.usda.gov/fdc-datasets"
FDC_DATASETS: dict[str, str] = {
    "foundation": f"{FDC_BASE}/FoodData_Central_foundation_food_csv_2025-04-24.zip",
    "sr-legacy": f"{FDC_BASE}/FoodData_Central_sr_legacy_food_csv_2018-04.zip",
    "fndds": f"{FDC_BASE}/FoodData_Central_survey_food_csv_2024-10-31.zip",
    "branded": f"{FDC_BASE}/FoodData_Central_branded_food_csv_2025-04-24.zip",
}
