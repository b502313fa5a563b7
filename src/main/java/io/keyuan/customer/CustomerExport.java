package io.keyuan.customer;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetExporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Customers as a sheet: the schema this module contributes to the exchange engine, and the export of the grid's
 * current filter and sort, streamed from a database cursor into a streaming workbook.
 */
@Service
public class CustomerExport implements SheetExporter {
    public static final SheetSchema SCHEMA = new SheetSchema(
                    "customers",
                    List.of(
                            SheetColumn.of("code", "编号", "編號", "Code", ColumnType.TEXT, false, Customer.CODE_LENGTH)
                                    .alsoCalled("客户编号", "客戶編號", "编码", "客户代码", "Customer code", "Customer ID", "ID"),
                            SheetColumn.of("name", "名称", "名稱", "Name", ColumnType.TEXT, true, Customer.NAME_LENGTH)
                                    .alsoCalled(
                                            "姓名", "客户名称", "客戶名稱", "客户姓名", "名字", "公司名称", "Customer name", "Full name"),
                            SheetColumn.ofEnum("kind", "类别", "類別", "Kind", false, CustomerKind.class)
                                    .alsoCalled("类型", "類型", "客户类别", "个人/组织", "Type")
                                    .byDefault(CustomerKind.PERSON.name()),
                            SheetColumn.ofEnum("gender", "性别", "性別", "Gender", false, Gender.class)
                                    .alsoCalled("Sex"),
                            SheetColumn.of("birthDate", "出生日期", "出生日期", "Birth date", ColumnType.DATE, false, 10)
                                    .notAfterToday()
                                    .alsoCalled("生日", "出生年月日", "Birthday", "Date of birth", "DOB"),
                            SheetColumn.ofEnum("occupation", "职业", "職業", "Occupation", false, Occupation.class),
                            SheetColumn.of("income", "年收入", "年收入", "Annual income", ColumnType.DECIMAL, false, 16)
                                    .checkedBy(io.keyuan.shared.Amounts::cell)
                                    .alsoCalled("收入", "Income"),
                            SheetColumn.of(
                                            "province",
                                            "省份",
                                            "省份",
                                            "Province",
                                            ColumnType.TEXT,
                                            false,
                                            Customer.PLACE_LENGTH)
                                    .alsoCalled("省", "所在省份", "State"),
                            SheetColumn.of("city", "城市", "城市", "City", ColumnType.TEXT, false, Customer.PLACE_LENGTH)
                                    .alsoCalled("市", "所在城市", "所在地"),
                            SheetColumn.of("phone", "电话", "電話", "Phone", ColumnType.TEXT, false, Customer.PHONE_LENGTH)
                                    .checkedBy(CustomerRules.PHONE)
                                    .alsoCalled(
                                            "手机",
                                            "手機",
                                            "手机号",
                                            "手机号码",
                                            "手機號碼",
                                            "联系电话",
                                            "聯絡電話",
                                            "电话号码",
                                            "Mobile",
                                            "Tel",
                                            "Telephone"),
                            SheetColumn.of(
                                            "email",
                                            "邮箱",
                                            "電子郵件",
                                            "Email",
                                            ColumnType.TEXT,
                                            false,
                                            Customer.EMAIL_LENGTH)
                                    .checkedBy(CustomerRules.EMAIL)
                                    .alsoCalled("电子邮箱", "电子邮件", "邮件", "E-mail", "Mail", "電郵"),
                            SheetColumn.of("channel", "客户来源", "客戶來源", "Source channel", ColumnType.TEXT, false, 100)
                                    .alsoCalled("来源", "來源", "来源渠道", "渠道", "Channel", "Source"),
                            SheetColumn.ofEnum(
                                            "acquisitionMethod",
                                            "获客方式",
                                            "獲客方式",
                                            "Found by",
                                            false,
                                            AcquisitionMethod.class)
                                    .alsoCalled("获取方式", "获客途径", "Acquisition method"),
                            SheetColumn.of(
                                            "referredBy",
                                            "介绍人编号",
                                            "介紹人編號",
                                            "Referred by (code)",
                                            ColumnType.TEXT,
                                            false,
                                            32)
                                    .alsoCalled("介绍人", "介紹人", "推荐人", "推荐人编号", "Referrer"),
                            SheetColumn.ofEnum("needType", "需求类型", "需求類型", "Need type", false, NeedType.class),
                            SheetColumn.ofEnum(
                                    "purchaseStyle", "购买类型", "購買類型", "Purchase style", false, PurchaseStyle.class),
                            SheetColumn.ofEnum("loyalty", "忠诚度", "忠誠度", "Loyalty", false, Loyalty.class),
                            SheetColumn.of("tags", "标签", "標籤", "Tags", ColumnType.TEXT, false, Customer.TAGS_LENGTH)
                                    .alsoCalled("标记"),
                            SheetColumn.of("notes", "备注", "備註", "Notes", ColumnType.TEXT, false, Customer.NOTES_LENGTH)
                                    .alsoCalled("说明", "備注", "Remarks", "Comment"),
                            SheetColumn.of("owner", "负责人", "負責人", "Owner", ColumnType.TEXT, false, 64)
                                    .alsoCalled("客户经理", "跟进人", "销售", "Account manager", "Sales rep")),
                    List.of("code"))
            // the match order of keyuan.import.customer-match; a file with any of these columns may update only
            .orBy(List.of("phone"), List.of("email"));

    private static final String[][] ENUM_COLUMNS = {
        {"kind", "CustomerKind"}, {"gender", "Gender"}, {"occupation", "Occupation"},
        {"acquisition_method", "AcquisitionMethod"}, {"need_type", "NeedType"}, {"purchase_style", "PurchaseStyle"},
        {"loyalty", "Loyalty"}
    };

    private final ExchangeService exchange;
    private final ChannelService channels;
    private final UserDirectory users;
    private final KeyuanI18NProvider i18n;
    private final NamedParameterJdbcTemplate streaming;

    CustomerExport(
            ExchangeService exchange,
            ChannelService channels,
            UserDirectory users,
            KeyuanI18NProvider i18n,
            DataSource dataSource) {
        this.exchange = exchange;
        this.channels = channels;
        this.users = users;
        this.i18n = i18n;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1_000);
        this.streaming = new NamedParameterJdbcTemplate(jdbc);
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public SheetSchema schema() {
        return SCHEMA;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public long exportAll(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return export(CustomerFilter.none(), CustomerSort.newestFirst(), locale, out, progress, cancelled);
    }

    /** Writes the customers that match the filter, in the sort's order, with headers and labels in {@code locale}. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long export(CustomerFilter filter, CustomerSort sort, Locale locale, OutputStream out) {
        return export(filter, sort, locale, out, n -> {}, () -> false);
    }

    /**
     * The same, reporting every thousand rows written and stopping with a {@link CancellationException} when
     * {@code cancelled} turns true.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public long export(
            CustomerFilter filter,
            CustomerSort sort,
            Locale locale,
            OutputStream out,
            LongConsumer progress,
            BooleanSupplier cancelled) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<Long, String> channelNames =
                channels.summaries().stream().collect(Collectors.toMap(ChannelSummary::id, ChannelSummary::name));
        Map<Long, String> owners = users.allUsers().stream().collect(Collectors.toMap(UserRef::id, UserRef::username));
        Map<String, String> labels = new java.util.HashMap<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = CustomerService.where(filter, params);
        CustomerSort s = sort == null ? CustomerSort.newestFirst() : sort;
        boolean metrics = s.field().needsMetrics() || CustomerService.needsMetrics(filter);
        String sql = "SELECT c.*, r.code AS referred_code FROM customer c"
                + " LEFT JOIN customer r ON r.id = c.referred_by_id"
                + (metrics ? " LEFT JOIN customer_metrics m ON m.customer_id = c.id" : "")
                + where + " ORDER BY " + CustomerService.orderBy(s);
        long[] written = {0};
        return exchange.write(
                SCHEMA,
                lang,
                sink -> streaming.query(sql, params, rs -> {
                    if (++written[0] % 1000 == 0) {
                        progress.accept(written[0]);
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException();
                        }
                    }
                    String[] e = new String[ENUM_COLUMNS.length];
                    for (int i = 0; i < ENUM_COLUMNS.length; i++) {
                        String value = rs.getString(ENUM_COLUMNS[i][0]);
                        e[i] = value == null
                                ? null
                                : labels.computeIfAbsent(
                                        ENUM_COLUMNS[i][1] + "." + value, k -> i18n.getTranslation("enum." + k, lang));
                    }
                    Long channelId = rs.getObject("source_channel_id", Long.class);
                    Long ownerId = rs.getObject("owner_id", Long.class);
                    sink.accept(new Object[] {
                        rs.getString("code"),
                        rs.getString("name"),
                        e[0],
                        e[1],
                        rs.getObject("birth_date", LocalDate.class),
                        e[2],
                        rs.getBigDecimal("income"),
                        rs.getString("province"),
                        rs.getString("city"),
                        rs.getString("phone"),
                        rs.getString("email"),
                        channelId == null ? null : channelNames.get(channelId),
                        e[3],
                        rs.getString("referred_code"),
                        e[4],
                        e[5],
                        e[6],
                        rs.getString("tags"),
                        rs.getString("notes"),
                        ownerId == null ? null : owners.get(ownerId)
                    });
                }),
                out);
    }

    /** An empty customer sheet with notes and dropdowns for the enumerated columns, in {@code locale}. */
    @PreAuthorize(Roles.HAS_STAFF)
    public void template(Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<String, List<String>> choices = new java.util.LinkedHashMap<>();
        choices.put("kind", labels(CustomerKind.values(), lang));
        choices.put("gender", labels(Gender.values(), lang));
        choices.put("occupation", labels(Occupation.values(), lang));
        choices.put("acquisitionMethod", labels(AcquisitionMethod.values(), lang));
        choices.put("needType", labels(NeedType.values(), lang));
        choices.put("purchaseStyle", labels(PurchaseStyle.values(), lang));
        choices.put("loyalty", labels(Loyalty.values(), lang));
        choices.put(
                "channel",
                channels.summaries().stream()
                        .filter(ChannelSummary::active)
                        .map(ChannelSummary::name)
                        .toList());
        exchange.writeTemplate(SCHEMA, lang, choices, out);
    }

    private List<String> labels(Enum<?>[] values, Locale lang) {
        return java.util.Arrays.stream(values)
                .map(v -> i18n.getTranslation("enum." + v.getDeclaringClass().getSimpleName() + "." + v.name(), lang))
                .toList();
    }

    public static String templateFileName() {
        return "customers-template.xlsx";
    }

    /** A file name such as {@code customers-2026-11-22.xlsx}. */
    public static String fileName(LocalDate today) {
        return "customers-" + today + ".xlsx";
    }
}
