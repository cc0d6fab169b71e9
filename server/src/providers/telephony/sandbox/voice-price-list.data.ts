/**
 * The sandbox's built-in voice price list: what a Twilio account is charged per minute to call each
 * destination (USD, the shape of Pricing API v2 "outbound_prefix_prices"), close to published list prices.
 * One line per country: [friendly name, destination prefixes separated by spaces, USD per minute].
 */
export type SandboxPrice = [label: string, prefixes: string, price: string];

export const sandboxVoicePrices: Record<string, SandboxPrice[]> = {
  US: [['United States - All numbers', '1', '0.0140']],
  CA: [
    [
      'Canada - All numbers',
      '1204 1226 1236 1249 1250 1263 1289 1306 1343 1354 1365 1367 1368 1382 1403 1416 1418 1428 1431 1437 1438 1450 1460 1468 1474 1506 1514 1519 1548 1579 1581 1584 1587 1604 1613 1639 1647 1672 1683 1705 1709 1742 1753 1778 1780 1782 1807 1819 1825 1867 1873 1879 1902 1905 1942',
      '0.0140',
    ],
  ],
  PR: [['Puerto Rico - All numbers', '1787 1939', '0.0220']],
  JM: [['Jamaica - All numbers', '1876 1658', '0.2200']],
  DO: [['Dominican Republic - All numbers', '1809 1829 1849', '0.1000']],
  TT: [['Trinidad and Tobago - All numbers', '1868', '0.1500']],
  MX: [['Mexico - All numbers', '52', '0.0200']],
  GB: [
    ['United Kingdom - Landline', '44', '0.0150'],
    ['United Kingdom - Mobile', '447', '0.0350'],
  ],
  IE: [
    ['Ireland - Landline', '353', '0.0200'],
    ['Ireland - Mobile', '35383 35385 35386 35387 35389', '0.0650'],
  ],
  FR: [
    ['France - Landline', '33', '0.0200'],
    ['France - Mobile', '336 337', '0.0500'],
  ],
  DE: [
    ['Germany - Landline', '49', '0.0200'],
    ['Germany - Mobile', '4915 4916 4917', '0.0700'],
  ],
  ES: [
    ['Spain - Landline', '34', '0.0150'],
    ['Spain - Mobile', '346 347', '0.0350'],
  ],
  IT: [
    ['Italy - Landline', '39', '0.0200'],
    ['Italy - Mobile', '393', '0.0400'],
  ],
  PT: [
    ['Portugal - Landline', '351', '0.0250'],
    ['Portugal - Mobile', '3519', '0.0300'],
  ],
  NL: [
    ['Netherlands - Landline', '31', '0.0250'],
    ['Netherlands - Mobile', '316', '0.0800'],
  ],
  BE: [
    ['Belgium - Landline', '32', '0.0300'],
    ['Belgium - Mobile', '3246 3247 3248 3249', '0.0800'],
  ],
  LU: [
    ['Luxembourg - Landline', '352', '0.0200'],
    ['Luxembourg - Mobile', '3526', '0.1000'],
  ],
  CH: [
    ['Switzerland - Landline', '41', '0.0300'],
    ['Switzerland - Mobile', '4175 4176 4177 4178 4179', '0.2000'],
  ],
  AT: [
    ['Austria - Landline', '43', '0.0250'],
    ['Austria - Mobile', '436', '0.1200'],
  ],
  DK: [['Denmark - All numbers', '45', '0.0250']],
  SE: [
    ['Sweden - Landline', '46', '0.0200'],
    ['Sweden - Mobile', '467', '0.0300'],
  ],
  NO: [
    ['Norway - Landline', '47', '0.0250'],
    ['Norway - Mobile', '474 479', '0.0300'],
  ],
  FI: [
    ['Finland - Landline', '358', '0.0600'],
    ['Finland - Mobile', '3584 35850', '0.1000'],
  ],
  PL: [
    ['Poland - Landline', '48', '0.0200'],
    ['Poland - Mobile', '4850 4851 4853 4857 4860 4866 4869 4872 4873 4878 4879 4888', '0.0300'],
  ],
  CZ: [
    ['Czechia - Landline', '420', '0.0250'],
    ['Czechia - Mobile', '4206 4207', '0.0450'],
  ],
  SK: [
    ['Slovakia - Landline', '421', '0.0300'],
    ['Slovakia - Mobile', '4219', '0.0700'],
  ],
  HU: [
    ['Hungary - Landline', '36', '0.0250'],
    ['Hungary - Mobile', '3620 3630 3631 3650 3670', '0.0700'],
  ],
  RO: [
    ['Romania - Landline', '40', '0.0300'],
    ['Romania - Mobile', '407', '0.0800'],
  ],
  BG: [
    ['Bulgaria - Landline', '359', '0.0400'],
    ['Bulgaria - Mobile', '35987 35988 35989', '0.1100'],
  ],
  GR: [
    ['Greece - Landline', '30', '0.0200'],
    ['Greece - Mobile', '306', '0.0500'],
  ],
  HR: [
    ['Croatia - Landline', '385', '0.0500'],
    ['Croatia - Mobile', '38591 38592 38595 38597 38598 38599', '0.1200'],
  ],
  SI: [
    ['Slovenia - Landline', '386', '0.0700'],
    ['Slovenia - Mobile', '38630 38631 38640 38641 38651 38664 38668 38669 38670 38671', '0.1300'],
  ],
  RS: [
    ['Serbia - Landline', '381', '0.1000'],
    ['Serbia - Mobile', '3816', '0.2000'],
  ],
  UA: [
    ['Ukraine - Landline', '380', '0.1500'],
    ['Ukraine - Mobile', '38050 38063 38066 38067 38068 38073 38093 38095 38096 38097 38098 38099', '0.2000'],
  ],
  BY: [
    ['Belarus - Landline', '375', '0.2500'],
    ['Belarus - Mobile', '37525 37529 37533 37544', '0.3000'],
  ],
  RU: [
    ['Russia - Landline', '7', '0.0600'],
    ['Russia - Mobile', '79', '0.1500'],
  ],
  KZ: [['Kazakhstan - All numbers', '76 77', '0.1800']],
  GE: [
    ['Georgia - Landline', '995', '0.1200'],
    ['Georgia - Mobile', '9955', '0.1300'],
  ],
  AM: [
    ['Armenia - Landline', '374', '0.1400'],
    ['Armenia - Mobile', '37441 37443 37455 37477 37491 37493 37494 37495 37496 37498 37499', '0.2500'],
  ],
  TR: [
    ['Türkiye - Landline', '90', '0.0400'],
    ['Türkiye - Mobile', '905', '0.1600'],
  ],
  IL: [
    ['Israel - Landline', '972', '0.0200'],
    ['Israel - Mobile', '9725', '0.0800'],
  ],
  AE: [
    ['United Arab Emirates - Landline', '971', '0.1300'],
    ['United Arab Emirates - Mobile', '9715', '0.1600'],
  ],
  SA: [
    ['Saudi Arabia - Landline', '966', '0.0800'],
    ['Saudi Arabia - Mobile', '9665', '0.1200'],
  ],
  QA: [
    ['Qatar - Landline', '974', '0.1800'],
    ['Qatar - Mobile', '9743 9745 9746 9747', '0.2200'],
  ],
  EG: [
    ['Egypt - Landline', '20', '0.1000'],
    ['Egypt - Mobile', '2010 2011 2012 2015', '0.1300'],
  ],
  MA: [
    ['Morocco - Landline', '212', '0.2000'],
    ['Morocco - Mobile', '2126 2127', '0.4500'],
  ],
  NG: [
    ['Nigeria - Landline', '234', '0.1200'],
    ['Nigeria - Mobile', '23470 23480 23481 23490 23491', '0.1400'],
  ],
  GH: [
    ['Ghana - Landline', '233', '0.2200'],
    ['Ghana - Mobile', '23320 23323 23324 23326 23327 23350 23354 23355 23357 23359', '0.2600'],
  ],
  KE: [
    ['Kenya - Landline', '254', '0.0800'],
    ['Kenya - Mobile', '2541 2547', '0.1000'],
  ],
  ZA: [
    ['South Africa - Landline', '27', '0.0300'],
    ['South Africa - Mobile', '276 277 278', '0.1300'],
  ],
  ET: [
    ['Ethiopia - Landline', '251', '0.2500'],
    ['Ethiopia - Mobile', '2519', '0.2800'],
  ],
  TZ: [
    ['Tanzania - Landline', '255', '0.2500'],
    ['Tanzania - Mobile', '2556 2557', '0.3000'],
  ],
  UG: [
    ['Uganda - Landline', '256', '0.2000'],
    ['Uganda - Mobile', '2567', '0.3000'],
  ],
  SN: [
    ['Senegal - Landline', '221', '0.2200'],
    ['Senegal - Mobile', '2217', '0.3000'],
  ],
  CI: [
    ['Côte d’Ivoire - Landline', '225', '0.2500'],
    ['Côte d’Ivoire - Mobile', '22501 22505 22507', '0.3200'],
  ],
  CM: [
    ['Cameroon - Landline', '237', '0.2500'],
    ['Cameroon - Mobile', '2376', '0.3000'],
  ],
  IN: [
    ['India - Landline', '91', '0.0150'],
    ['India - Mobile', '916 917 918 919', '0.0140'],
  ],
  PK: [
    ['Pakistan - Landline', '92', '0.0400'],
    ['Pakistan - Mobile', '923', '0.0700'],
  ],
  BD: [
    ['Bangladesh - Landline', '880', '0.0300'],
    ['Bangladesh - Mobile', '8801', '0.0350'],
  ],
  LK: [
    ['Sri Lanka - Landline', '94', '0.1200'],
    ['Sri Lanka - Mobile', '947', '0.1500'],
  ],
  NP: [
    ['Nepal - Landline', '977', '0.1300'],
    ['Nepal - Mobile', '9779', '0.1400'],
  ],
  CN: [['China - All numbers', '86', '0.0200']],
  HK: [
    ['Hong Kong - Landline', '852', '0.0200'],
    ['Hong Kong - Mobile', '8525 8526 8529', '0.0250'],
  ],
  TW: [
    ['Taiwan - Landline', '886', '0.0400'],
    ['Taiwan - Mobile', '8869', '0.1300'],
  ],
  JP: [
    ['Japan - Landline', '81', '0.0500'],
    ['Japan - Mobile', '8170 8180 8190', '0.1200'],
  ],
  KR: [
    ['South Korea - Landline', '82', '0.0300'],
    ['South Korea - Mobile', '8210', '0.0400'],
  ],
  SG: [['Singapore - All numbers', '65', '0.0200']],
  MY: [
    ['Malaysia - Landline', '60', '0.0250'],
    ['Malaysia - Mobile', '601', '0.0450'],
  ],
  TH: [['Thailand - All numbers', '66', '0.0450']],
  VN: [
    ['Vietnam - Landline', '84', '0.1000'],
    ['Vietnam - Mobile', '843 845 847 848 849', '0.1100'],
  ],
  PH: [
    ['Philippines - Landline', '63', '0.1500'],
    ['Philippines - Mobile', '639', '0.2000'],
  ],
  ID: [
    ['Indonesia - Landline', '62', '0.0600'],
    ['Indonesia - Mobile', '628', '0.0800'],
  ],
  AU: [
    ['Australia - Landline', '61', '0.0240'],
    ['Australia - Mobile', '614', '0.0600'],
  ],
  NZ: [
    ['New Zealand - Landline', '64', '0.0300'],
    ['New Zealand - Mobile', '642', '0.1400'],
  ],
  BR: [
    ['Brazil - Landline', '55', '0.0300'],
    [
      'Brazil - Mobile',
      '55119 55129 55139 55149 55159 55169 55179 55189 55199 55219 55229 55249 55279 55289 55319 55329 55339 55349 55359 55379 55389 55419 55429 55439 55449 55459 55469 55479 55489 55499 55519 55539 55549 55559 55619 55629 55639 55649 55659 55669 55679 55689 55699 55719 55739 55749 55759 55779 55799 55819 55829 55839 55849 55859 55869 55879 55889 55899 55919 55929 55939 55949 55959 55969 55979 55989 55999',
      '0.0700',
    ],
  ],
  AR: [
    ['Argentina - Landline', '54', '0.0300'],
    ['Argentina - Mobile', '549', '0.1000'],
  ],
  CL: [
    ['Chile - Landline', '56', '0.0300'],
    ['Chile - Mobile', '569', '0.0500'],
  ],
  CO: [
    ['Colombia - Landline', '57', '0.0300'],
    ['Colombia - Mobile', '573', '0.0500'],
  ],
  PE: [
    ['Peru - Landline', '51', '0.0250'],
    ['Peru - Mobile', '519', '0.0800'],
  ],
  VE: [
    ['Venezuela - Landline', '58', '0.0800'],
    ['Venezuela - Mobile', '584', '0.1500'],
  ],
  EC: [
    ['Ecuador - Landline', '593', '0.1500'],
    ['Ecuador - Mobile', '5939', '0.2000'],
  ],
  GT: [
    ['Guatemala - Landline', '502', '0.1300'],
    ['Guatemala - Mobile', '5023 5024 5025', '0.1500'],
  ],
  CR: [
    ['Costa Rica - Landline', '506', '0.0500'],
    ['Costa Rica - Mobile', '5066 5067 5068', '0.0700'],
  ],
  PA: [
    ['Panama - Landline', '507', '0.0500'],
    ['Panama - Mobile', '5076', '0.1200'],
  ],
};
