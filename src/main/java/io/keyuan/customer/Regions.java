package io.keyuan.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Provinces and their major cities, for address pickers and demo data. Place names are data, not UI text. */
public final class Regions {
    public static final Map<String, List<String>> CITIES;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("北京", List.of("北京"));
        m.put("上海", List.of("上海"));
        m.put("天津", List.of("天津"));
        m.put("重庆", List.of("重庆"));
        m.put("广东", List.of("广州", "深圳", "东莞", "佛山", "珠海", "汕头"));
        m.put("浙江", List.of("杭州", "宁波", "温州", "绍兴", "嘉兴"));
        m.put("江苏", List.of("南京", "苏州", "无锡", "常州", "南通", "扬州"));
        m.put("山东", List.of("济南", "青岛", "烟台", "潍坊"));
        m.put("四川", List.of("成都", "绵阳", "宜宾"));
        m.put("湖北", List.of("武汉", "宜昌", "襄阳"));
        m.put("湖南", List.of("长沙", "株洲", "岳阳"));
        m.put("河南", List.of("郑州", "洛阳", "开封"));
        m.put("河北", List.of("石家庄", "唐山", "保定"));
        m.put("福建", List.of("福州", "厦门", "泉州"));
        m.put("陕西", List.of("西安", "咸阳"));
        m.put("辽宁", List.of("沈阳", "大连"));
        m.put("安徽", List.of("合肥", "芜湖"));
        m.put("江西", List.of("南昌", "赣州"));
        m.put("云南", List.of("昆明", "大理"));
        m.put("广西", List.of("南宁", "桂林"));
        m.put("黑龙江", List.of("哈尔滨", "大庆"));
        m.put("吉林", List.of("长春", "吉林"));
        m.put("山西", List.of("太原", "大同"));
        m.put("贵州", List.of("贵阳", "遵义"));
        m.put("海南", List.of("海口", "三亚"));
        m.put("甘肃", List.of("兰州"));
        m.put("内蒙古", List.of("呼和浩特", "包头"));
        m.put("新疆", List.of("乌鲁木齐"));
        m.put("宁夏", List.of("银川"));
        m.put("青海", List.of("西宁"));
        m.put("西藏", List.of("拉萨"));
        CITIES = java.util.Collections.unmodifiableMap(m);
    }

    private Regions() {}

    public static List<String> provinces() {
        return List.copyOf(CITIES.keySet());
    }

    public static List<String> cities(String province) {
        return CITIES.getOrDefault(province, List.of());
    }

    public static List<String> allCities() {
        return CITIES.values().stream().flatMap(List::stream).distinct().toList();
    }
}
