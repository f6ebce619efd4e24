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
