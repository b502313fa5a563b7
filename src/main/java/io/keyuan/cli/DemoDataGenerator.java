package io.keyuan.cli;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerKind;
import io.keyuan.customer.Gender;
import io.keyuan.customer.Loyalty;
import io.keyuan.customer.NeedType;
import io.keyuan.customer.NewCustomer;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.PurchaseStyle;
import io.keyuan.customer.Regions;
import io.keyuan.customer.SalesChannel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic, reproducible demo customers: Chinese names, cities and occupations, every channel category, and
 * purchases spread over the two years before {@code today}. The same seed, start id and date give the same rows.
 */
final class DemoDataGenerator {
    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红鹏辉建国志宇浩然子涵欣怡梓轩雨萱思远晨曦嘉怡俊杰文博一鸣佳琪诗雨天宇";
    private static final String[] ORG_WORDS = {
        "华信", "鼎盛", "长城", "恒通", "瑞丰", "博远", "新元", "嘉禾", "众诚", "天成", "宏达", "金桥", "明德", "远航", "盛世"
    };
    private static final String[] ORG_SUFFIX = {
        "科技有限公司", "贸易有限公司", "餐饮管理有限公司", "教育咨询有限公司", "实业集团", "文化传媒有限公司", "医疗器械有限公司"
    };
    private static final String[] TAGS = {"VIP", "团购", "会员", "老客户", "价格敏感", "企业采购", "节日促销", "线上活跃", ""};
    private static final String[] MAIL = {"qq.com", "163.com", "126.com", "sina.com", "outlook.com"};
    private static final String[][] PRODUCTS = {
        {"智能手环", "299"},
        {"蓝牙耳机", "399"},
        {"空气净化器", "1899"},
        {"扫地机器人", "2499"},
        {"咖啡机", "1299"},
        {"保温杯", "129"},
        {"护肤套装", "588"},
        {"运动鞋", "699"},
        {"羽绒服", "1099"},
        {"有机大米 10kg", "168"},
        {"茶叶礼盒", "398"},
        {"儿童绘本套装", "228"},
        {"办公椅", "899"},
        {"笔记本电脑", "5999"},
        {"年度会员服务", "365"},
        {"维修保养服务", "199"}
    };
    private static final int[] PROVINCE_WEIGHT_TOP = {8, 8, 3, 3, 10, 8, 8, 6, 6, 5, 4, 4, 3, 4, 3, 3, 3};

    private final SplittableRandom random;
    private final LocalDate today;
    private final List<ChannelSummary> channels;
    private final List<Long> owners;
    private final List<String> provinces = Regions.provinces();

    DemoDataGenerator(long seed, LocalDate today, List<ChannelSummary> channels, List<Long> owners) {
        this.random = new SplittableRandom(seed);
        this.today = today;
        this.channels = channels.stream().filter(ChannelSummary::active).toList();
        this.owners = owners;
    }

    /** One customer with id {@code id}, and their purchases appended to {@code purchases}. */
    NewCustomer customer(long id, long firstIdOfRun, List<NewPurchase> purchases) {
        boolean organization = random.nextInt(100) < 8;
        String province = province();
        List<String> cities = Regions.cities(province);
        String city = cities.get(random.nextInt(cities.size()));
        ChannelSummary channel = channels.isEmpty() ? null : channels.get(weightedChannel());
        Long referredBy = null;
        if (channel != null && channel.method() == AcquisitionMethod.REFERRAL && id > firstIdOfRun) {
            referredBy = firstIdOfRun + random.nextLong(id - firstIdOfRun);
        }
        Occupation occupation = organization ? null : occupation();
        Gender gender = organization ? null : (random.nextInt(100) < 49 ? Gender.MALE : Gender.FEMALE);
        LocalDate birth = organization
                ? null
                : today.minusYears(
                                occupation == Occupation.STUDENT
                                        ? 17 + random.nextInt(8)
                                        : occupation == Occupation.RETIRED
                                                ? 58 + random.nextInt(20)
                                                : 22 + random.nextInt(38))
                        .minusDays(random.nextInt(365));
        String name = organization ? city + pick(ORG_WORDS) + pick(ORG_SUFFIX) : personName();
        String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
        String email = random.nextInt(100) < 70 ? "c" + id + "@" + pick(MAIL) : null;
        String tag = pick(TAGS);
        NewCustomer c = new NewCustomer(
                id,
                String.format("C%08d", id),
                name,
                organization ? CustomerKind.ORGANIZATION : CustomerKind.PERSON,
                gender,
                birth,
                occupation,
                income(organization, occupation),
                province,
                city,
                phone,
                email,
                channel == null ? null : channel.id(),
                channel == null ? null : channel.method(),
                referredBy,
                random.nextBoolean() ? NeedType.BASIC : NeedType.VALUE_ADDED,
                random.nextInt(100) < 35 ? PurchaseStyle.IMPULSE : PurchaseStyle.PLANNED,
                random.nextInt(100) < 40 ? Loyalty.LOYAL : Loyalty.FLOATING,
                tag.isEmpty() ? null : tag,
                owners.isEmpty() ? null : owners.get(random.nextInt(owners.size())));
        addPurchases(id, organization, purchases);
        return c;
    }

    private void addPurchases(long customerId, boolean organization, List<NewPurchase> out) {
        if (random.nextInt(100) < 15) {
            return;
        }
        int count = 1;
        while (count < 40 && random.nextInt(100) < (organization ? 85 : 72)) {
            count++;
        }
        // Some customers stopped buying a while ago: their purchases end early.
        int lastDay = random.nextInt(100) < 30 ? 200 + random.nextInt(500) : 0;
        for (int i = 0; i < count; i++) {
            out.add(purchase(customerId, organization, lastDay, 730 - lastDay));
        }
    }

    /**
     * One more purchase of a person who has bought before, drawn as {@link #customer} draws purchases (product,
     * quantity, discount, sales channel), dated between their first and last purchase so that their acquisition month
     * and lifecycle stay as they were: what a benchmark adds to reach more purchases per customer.
     */
    NewPurchase extraPurchase(long customerId, LocalDate first, LocalDate last) {
        int lastDay = (int) java.time.temporal.ChronoUnit.DAYS.between(last, today);
        int span = (int) java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        return purchase(customerId, false, Math.max(0, lastDay), Math.max(1, span));
    }

    /** A purchase dated {@code daysBack} to {@code daysBack + span - 1} days before today. */
    private NewPurchase purchase(long customerId, boolean organization, int daysBack, int span) {
        String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        int quantity = organization ? 1 + random.nextInt(20) : 1 + (random.nextInt(100) < 80 ? 0 : random.nextInt(3));
        BigDecimal price = new BigDecimal(product[1]);
        BigDecimal discount = BigDecimal.valueOf(80 + random.nextInt(31)).movePointLeft(2);
        BigDecimal amount =
                price.multiply(BigDecimal.valueOf(quantity)).multiply(discount).setScale(2, RoundingMode.HALF_UP);
        LocalDate date = today.minusDays(daysBack + random.nextInt(span));
        SalesChannel channel = SalesChannel.values()[random.nextInt(100) < 55 ? 0 : 1 + random.nextInt(3)];
        return new NewPurchase(customerId, date, product[0], quantity, amount, channel);
    }

    private String province() {
        int total = 0;
        for (int i = 0; i < provinces.size(); i++) {
            total += weight(i);
        }
        int r = random.nextInt(total);
        for (int i = 0; i < provinces.size(); i++) {
            r -= weight(i);
            if (r < 0) {
                return provinces.get(i);
            }
        }
        return provinces.getFirst();
    }

    private static int weight(int i) {
        return i < PROVINCE_WEIGHT_TOP.length ? PROVINCE_WEIGHT_TOP[i] : 1;
    }

    private int weightedChannel() {
        // Earlier channels in the list are the big ones.
        int n = channels.size();
        int r = random.nextInt(n * (n + 1) / 2);
        for (int i = 0; i < n; i++) {
            r -= n - i;
            if (r < 0) {
                return i;
            }
        }
        return 0;
    }

    private Occupation occupation() {
        int r = random.nextInt(100);
        if (r < 34) {
            return Occupation.OFFICE_WORKER;
        }
        if (r < 46) {
            return Occupation.STUDENT;
        }
        if (r < 54) {
            return Occupation.GOVERNMENT;
        }
        if (r < 64) {
            return Occupation.FREELANCER;
        }
        if (r < 71) {
            return Occupation.BUSINESS_OWNER;
        }
        if (r < 77) {
            return Occupation.TEACHER;
        }
        if (r < 82) {
            return Occupation.MEDICAL;
        }
        if (r < 89) {
            return Occupation.WORKER;
        }
        if (r < 92) {
            return Occupation.FARMER;
        }
        if (r < 98) {
            return Occupation.RETIRED;
        }
        return Occupation.OTHER;
    }

    private BigDecimal income(boolean organization, Occupation occupation) {
        if (organization) {
            return BigDecimal.valueOf(500_000 + random.nextInt(20_000_000)).setScale(2);
        }
        if (random.nextInt(100) < 10) {
            return null;
        }
        int base = switch (occupation) {
            case STUDENT -> 0;
            case OFFICE_WORKER -> 60_000;
            case GOVERNMENT -> 80_000;
            case FREELANCER -> 40_000;
            case BUSINESS_OWNER -> 150_000;
            case TEACHER -> 70_000;
            case MEDICAL -> 90_000;
            case WORKER -> 45_000;
            case FARMER -> 25_000;
            case RETIRED -> 36_000;
            case OTHER -> 30_000;
        };
        int spread = occupation == Occupation.STUDENT
                ? 20_000
                : occupation == Occupation.BUSINESS_OWNER ? 800_000 : base * 2;
        return BigDecimal.valueOf((base + random.nextInt(spread + 1)) / 100 * 100L)
                .setScale(2);
    }

    private String personName() {
        StringBuilder sb = new StringBuilder();
        sb.append(SURNAMES.charAt(skewed(SURNAMES.length())));
        int len = random.nextInt(100) < 70 ? 2 : 1;
        for (int i = 0; i < len; i++) {
            sb.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return sb.toString();
    }

    /** Common surnames first: a skewed pick. */
    private int skewed(int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (n * u * u));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    static List<NewPurchase> newPurchaseList() {
        return new ArrayList<>();
    }
}
